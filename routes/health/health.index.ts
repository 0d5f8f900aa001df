/**
 * Operational endpoints: liveness and readiness (fails when the store is down). Metrics are served
 * elsewhere (`app/metrics-listener.ts`): not to anyone who can reach the public port.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import type { CaseStore } from '../../store/case-store.js';
import { errorResponses } from '../shared.js';

const StatusSchema = z.object({ status: z.enum(['ok']) }).openapi('HealthStatus');

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'getLiveness',
  tags: ['ops'],
  summary: 'Liveness: the process answers',
  description:
    'Answers 200 while the process runs, without asking the store: for a liveness probe. No token needed.',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: StatusSchema } } } },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'getReadiness',
  tags: ['ops'],
  summary: 'Readiness: the store answers within a second',
  description:
    'Answers 200 when the case store answers within a second, else 503 (`store-unavailable`): for a load balancer or a readiness probe. No token needed.',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: StatusSchema } } },
    503: errorResponses[503],
  },
});

const READY_TIMEOUT_MS = 1_000;

export function healthRoutes(deps: { store: CaseStore }): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readyz, async (c) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        deps.store.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
        }),
      ]);
    } catch (cause) {
      throw new AppError('store_unavailable', 'The case store does not answer.', { retryable: true, cause });
    } finally {
      clearTimeout(timer);
    }
    return c.json({ status: 'ok' as const }, 200);
  });
  return app;
}
