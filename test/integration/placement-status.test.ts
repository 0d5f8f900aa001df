/**
 * The preschool queue, looked up on demand: staff search a guardian's personnummer, and the hub asks
 * the vendor's application-status look-up (XML, the SS 12000 simulator's) about the guardian's
 * children, found in SS 12000, and finds the child's application as `registered` though SS 12000 has
 * no placement for it. Regressions caught: a guardian search that asks only about the guardian (the
 * vendor answers per child), a queue not mapped to `registered`, a hanging look-up that holds the
 * search, and the number reaching a log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placementStatusConnector } from '../../connectors/placement-status/index.js';
import { type Ss12000Simulator, startSs12000Simulator } from '../../simulators/ss12000/index.js';
import { jsonPost } from '../support/app.js';
import { lookUpHub } from '../support/look-up-hub.js';
import { mapperFor, settings } from '../support/sync.js';

let sim: Ss12000Simulator;
const simLines: string[] = [];
beforeAll(async () => {
  sim = await startSs12000Simulator({ seed: 7, municipalities: ['2480'], log: (l) => simLines.push(l) });
});
afterAll(() => sim.close());

/** A child who is only in the queue (no placement in SS 12000), its guardian, and the application. */
function queueing() {
  const state = sim.data.state('2480');
  if (!state) throw new Error('no Umeå data');
  for (const entry of state.queue) {
    if (entry.state !== 'queue') continue;
    if ([...state.placements.values()].some((p) => p.childId === entry.childId)) continue;
    const child = state.persons.get(entry.childId);
    const guardian = child?.responsibles[0] && state.persons.get(child.responsibles[0].personId);
    if (child && guardian)
      return { child: child.personnummer, guardian: guardian.personnummer, application: entry.applicationId };
  }
  throw new Error('the simulator has no child only in the queue');
}

/** Every form a personnummer could leak in. */
const formsOf = (n: string) => [n, n.replace('-', ''), n.slice(2), n.slice(2).replace('-', '')];

function hub(callTimeoutMs = 2_000) {
  return lookUpHub('placement-status-test', async (engine) => {
    const config = placementStatusConnector.configSchema.parse({
      baseUrl: sim.applicationStatusUrls['2480'],
      licenseKey: sim.licenseKey,
      callTimeoutMs,
      persons: { baseUrl: sim.urls['2480'], tokenUrl: sim.tokenUrl, clientId: sim.clientId },
      personsClientSecret: sim.clientSecret,
    });
    await engine.add(
      settings('umea-skolko', { municipality: '2480', kind: 'placement-status', mapping: 'ss12000/ansokan' }),
      placementStatusConnector.create(config),
      mapperFor('ss12000/ansokan'),
    );
  });
}

type Item = { reference: string; status: { code: string }; title: string };

describe('a personnummer search asks the preschool queue', () => {
  it('finds the queueing child’s application as registered when staff search the guardian, and logs no number', async () => {
    const { guardian, child, application } = queueing();
    const h = await hub();
    simLines.length = 0;
    try {
      const res = await h.t.app.request(
        '/api/v1/cases/search',
        jsonPost(h.staff, { personnummer: guardian }),
      );
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as { items: Item[] };
      const found = items.find((i) => i.reference === application);
      expect(found?.status.code).toBe('registered');
      expect(found?.title).toMatch(/i kön\)$/);
      // The child's own number finds the same case (the child is a party).
      const byChild = await h.t.app.request(
        '/api/v1/cases/search',
        jsonPost(h.staff, { personnummer: child }),
      );
      expect(((await byChild.json()) as { items: Item[] }).items.map((i) => i.reference)).toContain(
        application,
      );
      const logged = [...h.lines, ...h.t.logLines, ...simLines].join('\n');
      for (const form of [...formsOf(guardian), ...formsOf(child)]) expect(logged).not.toContain(form);
    } finally {
      await h.close();
    }
  });

  it('skips a hanging look-up within the budget and answers with what is stored', async () => {
    const { guardian } = queueing();
    const h = await hub(10_000);
    try {
      sim.faults.add('hang', 20);
      const started = Date.now();
      const res = await h.t.app.request(
        '/api/v1/cases/search',
        jsonPost(h.staff, { personnummer: guardian }),
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
      expect(Date.now() - started).toBeLessThan(6_000);
      const logged = h.lines.join('\n');
      expect(logged).toContain('look-up by party gave up');
      expect(logged).toContain('umea-skolko');
      for (const form of formsOf(guardian)) expect(logged).not.toContain(form);
    } finally {
      sim.faults.clear();
      await h.close();
    }
  });
});
