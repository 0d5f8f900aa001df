/**
 * Search by organisationsnummer: staff search a company the schedule has not synced yet, and the hub
 * asks ByggR (GetRelateradeArendenByPersOrgNr, the real v8 contract) with the organisation's number and
 * finds the cases it is a party to, in any accepted form of the number, through the API and the
 * console. The number goes to the source and nowhere else. Regressions caught: an organisation's
 * cases not searchable (no org_refs), a "16"- or dash-form that misses, the console taking an
 * organisationsnummer for a personnummer, a citizen's list matching an organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soapConnector } from '../../connectors/soap/index.js';
import { loadMapping } from '../../mappings/engine/index.js';
import { type ByggrV8Simulator, startByggrV8Simulator } from '../../simulators/byggr-v8/index.js';
import { bearer, jsonPost } from '../support/app.js';
import { lookUpHub, V8_FIND_BY_PARTY } from '../support/look-up-hub.js';
import { pageClient } from '../support/page-client.js';
import { v8Config } from '../support/soap-v8.js';
import { settings } from '../support/sync.js';

const mapper = loadMapping(
  new URL('../../mappings/engine/fixtures/byggr-v8/arende.yaml', import.meta.url).pathname,
);

let sim: ByggrV8Simulator;
beforeAll(async () => {
  sim = await startByggrV8Simulator({ seed: 17, cases: 60, municipalities: ['2480'] });
});
afterAll(() => sim.close());

/** The invented company that is a party to most open cases, as NNNNNN-NNNN, and those cases' numbers. */
function company(): { number: string; dnrs: string[] } {
  const byOrg = new Map<string, string[]>();
  for (const a of sim.data.list()) {
    if (a.status === 'Gallrat' || a.status === 'Makulerat') continue;
    for (const i of a.intressenter) {
      if (!i.arForetag) continue;
      const ten = i.persOrgNr.replace(/\D/g, '').slice(-10);
      const number = `${ten.slice(0, 6)}-${ten.slice(6)}`;
      if (!byOrg.get(number)?.includes(a.dnr)) byOrg.set(number, [...(byOrg.get(number) ?? []), a.dnr]);
    }
  }
  const [number, dnrs] = [...byOrg.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!number || !dnrs) throw new Error('the simulator data has no organisation party');
  return { number, dnrs };
}

/** Every form the number could leak in: with and without "16", with and without the dash. */
const formsOf = (number: string) => {
  const ten = number.replace('-', '');
  return [number, ten, `16${number}`, `16${ten}`];
};

function hub() {
  return lookUpHub('org-search-test', async (engine) => {
    const config = v8Config({ wsdlUrl: sim.wsdlUrl }, { findByParty: V8_FIND_BY_PARTY });
    await engine.add(settings('umea-byggr', { municipality: '2480' }), soapConnector.create(config), mapper);
  });
}

describe('an organisationsnummer search asks the sources and finds the organisation’s cases', () => {
  it('through the API, with and without "16" and the dash, and logs no form of the number', async () => {
    const { number, dnrs } = company();
    const h = await hub();
    try {
      for (const form of formsOf(number)) {
        const res = await h.t.app.request(
          '/api/v1/cases/search',
          jsonPost(h.staff, { organisationsnummer: form }),
        );
        expect(res.status, form).toBe(200);
        const { items } = (await res.json()) as { items: { reference: string }[] };
        expect(items.map((i) => i.reference).sort(), form).toEqual([...dnrs].sort());
      }
      const audit = await h.t.audit.find({ subject: 'demo:infocenter', limit: 1 });
      expect(audit[0]).toMatchObject({
        action: 'case.search',
        queryKind: 'orgRef',
        resultCount: dnrs.length,
      });
      const logged = [...h.lines, ...h.t.logLines, JSON.stringify(audit)].join('\n');
      for (const form of formsOf(number)) expect(logged).not.toContain(form);
      // A citizen's "Mina ärenden" matches persons only: the company's cases are not the citizen's.
      const own = await h.t.app.request('/api/v1/me/cases', bearer(await h.t.tokenFor('medborgare')));
      const mine = ((await own.json()) as { items: { reference: string }[] }).items.map((i) => i.reference);
      for (const dnr of dnrs) expect(mine).not.toContain(dnr);
    } finally {
      await h.close();
    }
  });

  it('through the console’s one search box, which tells the number from a personnummer and never writes it back', async () => {
    const { number, dnrs } = company();
    const h = await hub();
    try {
      const browser = pageClient(h.t.app);
      await browser.signIn('infocenter');
      await browser.get('/staff');
      for (const form of [`16${number.replace('-', '')}`, number]) {
        const { res, html } = await browser.post('/staff/sok', { q: form });
        expect(res.status).toBe(200);
        expect(html, form).toContain('Sökt som organisationsnummer');
        // The reference in each row of the result table (its link to the case page).
        const refs = [...html.matchAll(/class="reference[^"]*">\s*([^<\s][^<]*?)\s*</g)].map((m) => m[1]);
        expect(refs.sort(), form).toEqual([...dnrs].sort());
        for (const f of formsOf(number)) expect(html).not.toContain(f);
      }
      const { html } = await browser.post('/staff/sok', {
        q: `${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`,
      });
      expect(html).toContain('Organisationsnumret är inte giltigt');
      for (const form of formsOf(number))
        expect([...h.lines, ...h.t.logLines].join('\n')).not.toContain(form);
    } finally {
      await h.close();
    }
  });
});
