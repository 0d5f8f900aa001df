/** An error as a page in the person's language: what happened in plain words, never a stack trace. */
import type { Context } from 'hono';
import type { AppEnv } from '../app/context.js';
import type { AppError } from '../app/errors.js';
import type { TextKey } from './i18n.js';
import { MessagePage } from './message-page.js';
import { lang, type PageHelpers } from './page-context.js';

const ERROR_MESSAGES: Partial<Record<AppError['code'], TextKey>> = {
  not_found: 'notFound',
  forbidden: 'notForRole',
  rate_limited: 'rateLimited',
  store_unavailable: 'unavailable',
  unauthenticated: 'signInFailed',
  validation: 'badRequest',
  unprocessable: 'badRequest',
  malformed_json: 'badRequest',
  payload_too_large: 'badRequest',
  unsupported_media_type: 'badRequest',
};

/**
 * Renders `error` as the page a browser gets; the request id is shown for our own faults (5xx).
 * The language links repeat the address only for a passing fault (busy, unavailable): an address
 * refused as such (not found, a personnummer in it) is never echoed back.
 */
export function pageErrorResponse(
  error: AppError,
  c: Context<AppEnv>,
  helpers: PageHelpers,
): Response | Promise<Response> {
  const csrfRefused = error.code === 'forbidden' && error.context.reason === 'csrf';
  const message: TextKey = csrfRefused ? 'formExpired' : (ERROR_MESSAGES[error.code] ?? 'internalError');
  return c.html(
    <MessagePage
      lang={lang(c)}
      title="errorTitle"
      message={message}
      requestId={error.status >= 500 ? c.get('requestId') : undefined}
      session={c.get('principal') ? helpers.sessionInfo(c) : undefined}
      path={c.req.method === 'GET' && error.status >= 429 ? c.req.path : '/'}
    />,
    error.status,
  );
}
