/**
 * `POST /mina-arenden/{municipalityId}/kundhandelseFragaSynkron`: the Mina ärenden producer endpoint
 * Skatteverket's vidareförmedlingstjänst calls, outside /api/v1 because it speaks Skatteverket's
 * contract (errors as `{"message"}`), behind its own key per municipality (`X-API-Key`).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import type { Logger } from '../../app/logger.js';
import type { MinaArenden } from '../../minaarenden/kundhandelse-fraga.js';
import { keyMatches, type Producers } from '../../minaarenden/producers.js';
import type { AuditLog } from '../../store/audit-log.js';
import { contractError } from './mina-arenden.errors.js';
import { CORRELATION_HEADER, correlationId, readFraga, requestLanguage } from './mina-arenden.request.js';

export const MINA_ARENDEN_PATH = '/mina-arenden/:municipalityId/kundhandelseFragaSynkron';
/** 100 parts, 100 types and 100 tags at their longest fit well within this. */
export const MAX_FRAGA_BYTES = 256 * 1024;

export type MinaArendenRouteDeps = {
  minaArenden: MinaArenden;
  producers: Producers;
  audit: AuditLog;
  logger: Logger;
  /** Rate limits counted per client address, before the key is checked (a brake on guessing keys too). */
  limits: MiddlewareHandler<AppEnv>[];
};

export function minaArendenRoutes(deps: MinaArendenRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => contractError(error, c, deps.logger));

  for (const limiter of deps.limits) app.post(MINA_ARENDEN_PATH, limiter);
  app.post(
    MINA_ARENDEN_PATH,
    bodyLimit({
      maxSize: MAX_FRAGA_BYTES,
      onError: () => {
        throw new AppError('payload_too_large', `the body is larger than ${MAX_FRAGA_BYTES} bytes`);
      },
    }),
    async (c) => {
      const producer = deps.producers.get(c.req.param('municipalityId'));
      if (!producer) throw new AppError('not_found', 'No such producer.');
      if (!keyMatches(producer, c.req.header('x-api-key'))) {
        await recordRefusal(deps, c.get('requestId'), producer.municipality);
        throw new AppError('unauthenticated', 'A valid X-API-Key is required.');
      }
      const correlation = correlationId(c);
      const language = requestLanguage(c);
      const fraga = await readFraga(c);
      const answer = await deps.minaArenden.answer(
        { producer, client: `minaarenden:${producer.municipality}`, requestId: c.get('requestId') },
        fraga,
        language,
      );
      c.header(CORRELATION_HEADER, correlation);
      c.header('cache-control', 'no-store');
      return c.json(answer, 200);
    },
  );
  // Only POST is the operation; any other method on its address is told so (not a page's 404).
  app.on(
    ['GET', 'PUT', 'PATCH', 'DELETE'],
    MINA_ARENDEN_PATH.replace(':municipalityId', ':municipalityId{[0-9]{4}}'),
    (c) => {
      c.header('allow', 'POST');
      return c.json({ message: 'Method not allowed' }, 405);
    },
  );
  return app;
}

/** A wrong or missing key is recorded like a refused bearer token: no subject, no key, the route and municipality. */
async function recordRefusal(
  deps: MinaArendenRouteDeps,
  requestId: string,
  municipality: string,
): Promise<void> {
  await deps.audit
    .write({
      subject: 'anonymous',
      role: 'none',
      action: 'auth.refused',
      route: MINA_ARENDEN_PATH,
      municipality,
      shown: [],
      masked: [],
      requestId,
    })
    .catch((err: unknown) => deps.logger.error({ requestId, err }, 'refusal not recorded'));
}
