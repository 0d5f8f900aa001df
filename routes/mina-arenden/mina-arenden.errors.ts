/**
 * Errors in the words of Skatteverket's contract: a body of only `{"message": "<Rubrik>[: detail]"}`
 * (never problem+json, never a personnummer), with the contract's rubrik for each status.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../app/context.js';
import { type AppError, toAppError } from '../../app/errors.js';
import type { Logger } from '../../app/logger.js';
import { scrubPersonnummer } from '../../person/scrub.js';

/** The contract's rubrik texts, with the two statuses it does not name (413, 429) in the same style. */
const RUBRIK: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
};

/** Details worth telling the caller; our own faults are told only by their rubrik. */
const WITH_DETAIL = new Set<AppError['code']>(['validation', 'malformed_json', 'payload_too_large']);

/**
 * The status and body for any error on the Mina ärenden endpoint. A store outage is a 500 here, as
 * the contract documents no other server error; its cause goes to the log, never to the caller.
 */
export function contractError(error: unknown, c: Context<AppEnv>, logger: Logger): Response {
  const appError = toAppError(error);
  const status: ContentfulStatusCode =
    appError.code === 'store_unavailable' || !(appError.status in RUBRIK) ? 500 : appError.status;
  if (status === 500)
    logger.error({ requestId: c.get('requestId'), err: error, code: appError.code }, 'request failed');
  const rubrik = RUBRIK[status] as string;
  const detail = WITH_DETAIL.has(appError.code) ? (scrubPersonnummer(appError.message) as string) : '';
  return c.json({ message: detail ? `${rubrik}: ${detail}` : rubrik }, status);
}
