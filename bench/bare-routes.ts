/**
 * The ceilings the hub's routes are measured against (issue 17): bare Hono routes that run exactly the
 * SQL a scenario needs — the same store queries the hub runs, with the same visibility — and nothing
 * else: no authentication, no middleware, no masking, no validation. The `-audit` twins add what every
 * staff read must also do, one audit INSERT committed on its own, the way a naive route would.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { PersonRefHasher } from '../person/person-ref.js';
import type { CaseQuery, CaseStore, Visible } from '../store/case-store.js';
import type { Db } from '../store/db.js';

export const BARE = '/bench/bare';
export const BARE_AUDIT = '/bench/bare-audit';

/** The same columns the hub's audit log writes, one row per statement. */
const AUDIT_INSERT = `INSERT INTO audit_log (subject, role, action, case_id, shown, masked, query_kind, result_count,
                       request_id, purpose, person_refs, route, municipality, office, contact_id)
  VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7, $8, $9, NULL, $10::text[], NULL, $11, NULL, NULL)`;

type SearchBody = { reference?: string; personnummer?: string; q?: string; count?: boolean };

export type BareDeps = {
  db: Db;
  store: CaseStore;
  personRefs: PersonRefHasher;
  /** What the bench's information-center token may see: the hub applies the same in SQL. */
  visible: Visible;
  municipality: string | undefined;
};

function toQuery(body: SearchBody, refs: PersonRefHasher): CaseQuery | undefined {
  if (body.reference !== undefined) return { by: 'reference', value: body.reference };
  if (body.personnummer !== undefined) {
    const all = refs.allFromInput(body.personnummer);
    return all ? { by: 'personRef', value: all } : undefined;
  }
  if (body.q !== undefined) return { by: 'text', value: body.q };
  return undefined;
}

/** Mounts the bare case read and search, plain and audited, on a new Hono app. */
export function bareRoutes(deps: BareDeps): Hono {
  const app = new Hono();
  const audit = (e: {
    action: 'case.read' | 'case.search';
    caseId: string | null;
    shown: string[];
    queryKind: string | null;
    resultCount: number | null;
    personRefs: readonly string[];
  }) =>
    deps.db.query(AUDIT_INSERT, [
      'bench',
      'infocenter',
      e.action,
      e.caseId,
      e.shown,
      [],
      e.queryKind,
      e.resultCount,
      randomUUID(),
      e.personRefs,
      deps.municipality ?? null,
    ]);
  for (const [base, audited] of [
    [BARE, false],
    [BARE_AUDIT, true],
  ] as const) {
    app.get(`${base}/cases/:id`, async (c) => {
      const found = await deps.store.get(c.req.param('id'), { visible: deps.visible });
      if (!found) return c.json({ title: 'not found' }, 404);
      if (audited) {
        await audit({
          action: 'case.read',
          caseId: found.case.id,
          shown: Object.keys(found.case),
          queryKind: null,
          resultCount: null,
          personRefs: found.case.parties.flatMap((p) => (p.personRef ? [p.personRef] : [])),
        });
      }
      return c.json({ ...found.case, history: found.history });
    });
    app.post(`${base}/cases/search`, async (c) => {
      const body = (await c.req.json()) as SearchBody;
      const query = toQuery(body, deps.personRefs);
      if (!query) return c.json({ title: 'bad search' }, 400);
      // The hub always counts; `count: false` measures what the count costs.
      const page = await deps.store.search(query, {
        visible: deps.visible,
        count: body.count !== false,
        limit: 20,
      });
      if (audited) {
        await audit({
          action: 'case.search',
          caseId: null,
          shown: page.items.map((i) => i.id),
          queryKind: query.by,
          resultCount: page.total ?? page.items.length,
          personRefs: query.by === 'personRef' ? (query.value as string[]) : [],
        });
      }
      return c.json({
        items: page.items,
        nextCursor: page.nextCursor,
        total: page.total ?? 0,
        totalCapped: page.totalCapped ?? false,
      });
    });
  }
  return app;
}
