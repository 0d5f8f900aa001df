/** How the app answers and logs a failed request: problem+json for the API, one logging rule for all. */
import type { Context } from 'hono';
import type { AppEnv } from './context.js';
import { type AppError, toProblem } from './errors.js';
import type { Logger } from './logger.js';

/** The one logging rule for failed requests: our faults with their cause (scrubbed), failed page sign-ins as warnings. */
export function logFailure(
  logger: Logger,
  appError: AppError,
  error: unknown,
  requestId: string,
  page: boolean,
): void {
  if (appError.code === 'internal' || appError.code === 'store_unavailable') {
    // The cause goes to the log, never to the caller.
    logger.error({ requestId, err: error, code: appError.code }, 'request failed');
  } else if (appError.context.sqlstate) {
    // A value the schemas let through and the database refused: worth a look, but the database's
    // message quotes the value (a cursor, a search text), so the SQLSTATE alone is logged.
    logger.warn(
      { requestId, sqlstate: appError.context.sqlstate },
      'request refused by the database as invalid',
    );
  } else if (appError.code === 'unauthenticated' && (page || 'reason' in appError.context)) {
    // A sign-in that did not complete (the provider refused, a forged callback, a token that fails), or
    // a token refused for a reason an operator must see (e.g. its assurance level): the context holds
    // kinds and public URIs only, never a claim's value.
    logger.warn(
      { requestId, ...appError.context, err: appError.cause ?? appError },
      page ? 'sign-in failed' : 'token refused',
    );
  }
}

export function problemResponse(appError: AppError, c: Context<AppEnv>): Response {
  return c.body(JSON.stringify(toProblem(appError, c.get('requestId'))), appError.status, {
    'content-type': 'application/problem+json',
  });
}
