/** Cross-cutting HTTP middleware: request log, metrics, principal, role checks and the personnummer-in-URL guard. */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { auditPrincipal, PURPOSE_HEADER } from '../cases/audit-entry.js';
import type { Caller } from '../cases/read-context.js';
import { containsPersonnummerLike, normalizePersonnummerSeparators } from '../person/personnummer.js';
import { isUuid, UUID_PATTERN } from '../schemas/case-id.js';
import type { AuditEntry, AuditLog } from '../store/audit-log.js';
import type { AppEnv } from './context.js';
import { AppError } from './errors.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { Principal, Role, TokenVerifier } from './principal.js';

/** One JSON line per request: id, method, route pattern (never the raw URL), status and latency. */
export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routeLabel(c);
    metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    metrics.httpDuration.observe({ method: c.req.method, route }, seconds);
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        route,
        status: c.res.status,
        ms: Math.round(seconds * 10_000) / 10,
        role: c.get('principal')?.role,
      },
      'request',
    );
  };
}

/**
 * The pattern of the endpoint the request matched (e.g. `/api/v1/cases/:id`), even when a
 * middleware answered first; `unmatched` for unknown paths. Never the raw URL, which may hold ids.
 */
function routeLabel(c: Context): string {
  const endpoints = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  // The pages' catch-alls (`/staff/*`: "no such page") match every address under them: a page's own
  // route, when one matched, is the one that answered.
  const endpoint = endpoints.findLast((r) => !r.path.endsWith('/*')) ?? endpoints.at(-1);
  return endpoint?.path ?? 'unmatched';
}

const UUIDS = new RegExp(UUID_PATTERN, 'gi');

/**
 * The request id: a caller's `X-Request-Id` is kept only when it is a UUID (anything else could carry
 * personal data into the logs and the audit log), otherwise a new one; echoed in the response.
 */
export function requestIdentity(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const id = given && isUuid(given) ? given : randomUUID();
    c.set('requestId', id);
    c.header('x-request-id', id);
    await next();
  };
}

/** Refuses any URL that carries something shaped like a personnummer: it would end up in proxies' logs. */
export function refusePersonnummerInUrl(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    // Case ids are UUIDs, whose last group can look like a personnummer: they are not one.
    // Replaced by a space, not removed, so digits on either side can never join into a number.
    const decoded = lenientlyDecoded(`${url.pathname}?${url.search}`).replace(UUIDS, ' ');
    // `+` in a query is a space in form encoding, and a valid separator in a personnummer: try both.
    const spaced = normalizePersonnummerSeparators(decoded.replace(/\+/g, ' '));
    if (containsPersonnummerLike(decoded) || containsPersonnummerLike(spaced)) {
      throw new AppError(
        'personnummer_in_url',
        'A personal identity number must be sent in a request body, never in the URL.',
      );
    }
    await next();
  };
}

/** The one place that reads the Authorization header; handlers only ever see `c.var.principal`. */
export function authenticate(verifier: TokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
      if (!match?.[1]) throw new AppError('unauthenticated', 'Use an Authorization: Bearer token.');
      c.set('principal', await verifier.verify(match[1]));
    }
    await next();
  };
}

/**
 * Records refusals in the audit log: a bearer token that failed (401; no subject can be trusted, so
 * none is kept, nor the token, nor the client's address), a role refused an endpoint or page (403,
 * with the subject), and on the pages a signed-out request for a case page that was sent to sign in.
 * A refused case address keeps the case id, so the refusal answers "who tried to look at my case?".
 * Denied case reads (404) are recorded by the read service. A refusal whose entry cannot be written
 * is still refused; the failure goes to the log.
 */
export function auditRefusals(audit: AuditLog, logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const entry = refusalEntry(c);
    if (!entry) return;
    await audit.write(entry).catch((err: unknown) => {
      logger.error({ requestId: entry.requestId, err }, 'refusal not recorded');
    });
  };
}

function refusalEntry(c: Context<AppEnv>): AuditEntry | undefined {
  const error = c.error;
  const principal = c.get('principal');
  const route = routeLabel(c);
  const caseId = caseIdIn(c.req.path, route);
  const base = { shown: [], masked: [], requestId: c.get('requestId'), route, ...(caseId ? { caseId } : {}) };
  const anonymous = { ...base, subject: 'anonymous', role: 'none', action: 'auth.refused' as const };
  // A visit to a list or the console while signed out is how everyone starts: only case addresses count.
  if (c.get('signInRequired') && route.includes('/:id')) return anonymous;
  if (!(error instanceof AppError)) return undefined;
  if (error.code === 'unauthenticated' && c.req.header('authorization') !== undefined) return anonymous;
  // A form that expired (CSRF) is no role refusal.
  if (error.code === 'forbidden' && principal && error.context.reason !== 'csrf')
    return { ...base, ...auditPrincipal(principal), action: 'access.refused' as const };
  return undefined;
}

/** The case id in a refused address whose route names one (`/…/:id`), when it is a UUID. */
function caseIdIn(path: string, route: string): string | undefined {
  const at = route.split('/').indexOf(':id');
  const value = at < 0 ? undefined : path.split('/')[at];
  return value && isUuid(value) ? value.toLowerCase() : undefined;
}

/** Requires a principal with one of `roles`; 401 without a principal, 403 with another role. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) throw new AppError('unauthenticated', 'Sign in to use this service.');
    if (!roles.includes(principal.role))
      throw new AppError('forbidden', 'Your role does not give access to this resource.');
    await next();
  };
}

/** The principal of a request already past `requireRole`. */
export function principalOf(c: { get(key: 'principal'): Principal | undefined }): Principal {
  const principal = c.get('principal');
  if (!principal) throw new AppError('unauthenticated', 'Sign in to use this service.');
  return principal;
}

/**
 * The caller of a service for this request: the signed-in principal, the request id and the stated
 * purpose, so services take plain data and never the HTTP context.
 */
export function callerOf(c: Context<AppEnv>): Caller {
  const purpose = c.req.header(PURPOSE_HEADER);
  return { principal: principalOf(c), requestId: c.get('requestId'), ...(purpose ? { purpose } : {}) };
}

/**
 * Percent-decodes a URL; one malformed escape must not leave the rest encoded (and unchecked), so
 * then every well-formed ASCII escape is decoded on its own.
 */
function lenientlyDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
}
