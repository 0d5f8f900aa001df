/** Handlers for a citizen's own cases: the person reference from the token is the only filter that matters. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { principalOf } from '../../app/middleware.js';
import type { Principal } from '../../app/principal.js';
import { mayRead, visibility } from '../../policy/access.js';
import { toCaseSummary } from '../../policy/serialize.js';
import { auditedView, auditRead } from '../audit-read.js';
import type { RouteServices } from '../shared.js';
import type { getMyCase, listMyCases } from './me.routes.js';

function citizenRef(principal: Principal): string {
  if (principal.kind !== 'citizen')
    throw new AppError('forbidden', 'Only citizens have their own cases here.');
  return principal.personRef;
}

export function listMyCasesHandler(services: RouteServices): RouteHandler<typeof listMyCases, AppEnv> {
  return async (c) => {
    const principal = principalOf(c);
    const { cursor, limit } = c.req.valid('query');
    const visible = visibility(principal, services.policy, services.domains);
    const page = await services.store.search(
      { by: 'personRef', value: citizenRef(principal) },
      { limit, ...(cursor ? { cursor } : {}), ...(visible ? { visible } : {}) },
    );
    const now = services.now();
    const items = page.items.map((item) => toCaseSummary(item, { now, principal, policy: services.policy }));
    await auditRead(c, services, principal, {
      action: 'me.list',
      shown: items.map((i) => i.id),
      masked: [],
      resultCount: items.length,
    });
    return c.json({ items, nextCursor: page.nextCursor }, 200);
  };
}

export function getMyCaseHandler(services: RouteServices): RouteHandler<typeof getMyCase, AppEnv> {
  return async (c) => {
    const principal = principalOf(c);
    const ref = citizenRef(principal);
    const { id } = c.req.valid('param');
    const stored = await services.store.get(id);
    // Someone else's case and no case at all must be indistinguishable: same status, same body.
    if (
      !stored?.case.parties.some((p) => p.personRef === ref) ||
      !mayRead(principal, services.policy, stored.case)
    ) {
      throw new AppError('not_found', 'No case with that id.');
    }
    return c.json(await auditedView(c, services, principal, stored, 'me.read'), 200);
  };
}
