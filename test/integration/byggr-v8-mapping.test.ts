/**
 * The mapping constructs for real contracts against the ByggR v8 simulator: every case read through
 * the soap client as the connector normalises it, mapped by the v8 test fixture, stored, and read
 * back as a citizen would. Not the shipped bygglov mapping (that is the next step).
 */

import { type Client, createClientAsync } from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalise } from '../../connectors/soap/transport.js';
import { EXAMPLE_CASE_ID_KEY, EXAMPLE_PERSON_REF_KEY } from '../../mappings/engine/examples.js';
import { loadMapping, type MapResult } from '../../mappings/engine/index.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { searchIndexRule } from '../../policy/protected-identity.js';
import { toCaseView } from '../../policy/serialize.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { type ByggrV8Simulator, startByggrV8Simulator } from '../../simulators/byggr-v8/index.js';
import type { V8Arende } from '../../simulators/byggr-v8/model.js';
import { CLIENT_OPTIONS } from '../../simulators/byggr-v8/test-support.js';
import { createCaseStore } from '../../store/case-store.js';
import { freshDatabase } from '../support/databases.js';

const mapper = loadMapping(
  new URL('../../mappings/engine/fixtures/byggr-v8/arende.yaml', import.meta.url).pathname,
);
const refs = createPersonRefHasher(EXAMPLE_PERSON_REF_KEY);
const NOW = new Date('2026-05-04T08:00:00Z');

describe('v8 fixture mapping over the simulator, through the soap client', () => {
  let sim: ByggrV8Simulator;
  let client: Client;
  const mapped: { source: V8Arende; result: MapResult }[] = [];

  beforeAll(async () => {
    sim = await startByggrV8Simulator({ seed: 11, cases: 80, municipalities: ['2480'] });
    client = await createClientAsync(sim.wsdlUrl, CLIENT_OPTIONS);
    client.setEndpoint(sim.url);
    for (const source of sim.data.list().filter((a) => a.status !== 'Gallrat')) {
      const [res] = await client.GetArendeAsync({ dnr: source.dnr });
      const record = normalise(res.GetArendeResult);
      mapped.push({
        source,
        result: await mapper.map(record, {
          personRefs: refs,
          caseIds: createCaseIdMinter(EXAMPLE_CASE_ID_KEY),
          now: NOW,
          trace: true,
        }),
      });
    }
  });
  afterAll(() => sim.close());

  it('maps every case the simulator serves, companies and secret events included', () => {
    const rejected = mapped.filter((m) => !m.result.ok);
    expect(rejected.map((m) => (m.result.ok ? [] : m.result.errors))).toEqual([]);
    expect(mapped.some((m) => m.source.intressenter.some((i) => i.arForetag))).toBe(true);
    expect(mapped.some((m) => m.source.handelser.some((h) => h.sekretess))).toBe(true);
  });

  it('shows no secret or voided event, nor its documents, in any case or trace', () => {
    let checked = 0;
    for (const { source, result } of mapped) {
      const text = JSON.stringify(result);
      const hidden = source.handelser.filter((h) => h.sekretess || h.makulerad || h.arbetsmaterial);
      const shown = source.handelser.filter((h) => !hidden.includes(h));
      for (const h of hidden)
        for (const d of h.handlingar) {
          // A title the case also shows through an open event is not a leak of this one.
          if (
            shown.some((s) => s.handlingar.some((o) => o.dokument.namn === d.dokument.namn && !o.makulerad))
          )
            continue;
          expect(text, `${source.dnr}: ${d.dokument.namn}`).not.toContain(d.dokument.namn);
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('stores a company case; the private co-applicant finds it among their own cases, the company number nowhere', async () => {
    const companyCases = mapped.filter(
      (m) => m.result.ok && m.source.intressenter.some((i) => i.arForetag && i.roller.includes('SOK')),
    );
    const withPerson = companyCases.find((m) =>
      m.source.intressenter.some((i) => !i.arForetag && i.roller.includes('MSOK')),
    );
    if (withPerson?.result.ok !== true)
      throw new Error('the simulator data has no company case with a private co-applicant');
    const chosen = withPerson.result.case;
    const { db, drop } = await freshDatabase('pglite');
    try {
      const policy = loadPolicy();
      const store = createCaseStore(db, { searchIndex: searchIndexRule(policy) });
      const cases = mapped.flatMap((m) => (m.result.ok === true ? [m.result.case] : []));
      const outcomes = await store.upsertMany(cases);
      expect(outcomes.every((o) => o === 'inserted')).toBe(true);

      const coApplicant = withPerson.source.intressenter.find(
        (i) => !i.arForetag && i.roller.includes('MSOK'),
      );
      const personRef = refs.fromInput(coApplicant?.persOrgNr ?? '') as string;
      const own = await store.search({ by: 'personRef', value: personRef }, { limit: 50 });
      expect(own.items.map((c) => c.id)).toContain(chosen.id);

      const orgRef = chosen.parties.find((p) => p.orgRef)?.orgRef as string;
      expect(orgRef).toMatch(/^or1_/);
      // person_refs holds persons only: an organisation reference finds no case.
      expect((await store.search({ by: 'personRef', value: orgRef }, { limit: 5 })).items).toEqual([]);

      const stored = await store.get(chosen.id);
      const principal = {
        kind: 'citizen',
        subject: 's',
        role: 'citizen',
        personRef,
        personRefs: [personRef],
      } as const;
      const view = JSON.stringify(
        toCaseView(stored as NonNullable<typeof stored>, {
          principal,
          policy,
          now: NOW,
          staleAfterSeconds: 3600,
        }),
      );
      expect(view).not.toMatch(/or1_|pr1_/);
      const company = withPerson.source.intressenter.find((i) => i.arForetag);
      const digits = (company?.persOrgNr ?? '').replace(/^16/, '').replace('-', '');
      expect(JSON.stringify(stored)).not.toContain(digits.slice(0, 6));
    } finally {
      await drop();
    }
  });
});
