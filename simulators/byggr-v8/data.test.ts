import { describe, expect, it } from 'vitest';
import { createByggrV8Data } from './data.js';
import { luhnDigit, V8_COMPANIES } from './parties.js';

const data = createByggrV8Data({ seed: 5, cases: 200 });
const cases = data.list();

describe('ByggR v8 simulated data', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const again = createByggrV8Data({ seed: 5, cases: 200 }).list();
    expect(JSON.stringify(again)).toBe(JSON.stringify(cases));
    expect(JSON.stringify(createByggrV8Data({ seed: 6, cases: 200 }).list())).not.toBe(JSON.stringify(cases));
  });

  it('spreads cases over Umeå, Vännäs, Bjurholm and Nordmaling with their own dnr series', () => {
    expect(cases).toHaveLength(200);
    const byCode = Object.groupBy(cases, (a) => a.komkod);
    expect(Object.keys(byCode).sort()).toEqual(['2401', '2403', '2460', '2480']);
    for (const a of cases) expect(a.dnr.startsWith(`${a.diarieprefix} `)).toBe(true);
    expect(new Set(cases.map((a) => a.dnr)).size).toBe(200);
    const ids = cases.flatMap((a) => a.handelser.map((h) => h.handelseId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      createByggrV8Data({ cases: 10, municipalities: ['Vännäs'] })
        .list()
        .every((a) => a.komkod === '2460'),
    ).toBe(true);
  });

  it('uses invented organisation numbers: Luhn-valid, group 4 (never assigned), third digit ≥ 2', () => {
    for (const c of V8_COMPANIES) {
      const digits = c.orgNr.replace('-', '');
      expect(c.orgNr).toMatch(/^4\d[2-9]\d{3}-\d{4}$/);
      expect(Number(digits[9])).toBe(luhnDigit(digits.slice(0, 9)));
    }
  });

  it('has company applicants with private co-applicants, and all four coarse statuses', () => {
    const withCompany = cases.filter((a) =>
      a.intressenter.some((i) => i.arForetag && i.roller.includes('SOK')),
    );
    expect(
      withCompany.some((a) => a.intressenter.some((i) => !i.arForetag && i.roller.includes('MSOK'))),
    ).toBe(true);
    const statuses = new Set(cases.map((a) => a.status));
    expect([...statuses].sort()).toEqual(['Avslutat', 'Gallrat', 'Makulerat', 'Pågående']);
  });

  it('keeps a journal: application first, komplettering with a deadline, decisions with arHuvudbeslut', () => {
    for (const a of cases.filter((x) => x.status !== 'Gallrat'))
      expect(['ANSÖKAN', 'ANM']).toContain(a.handelser[0]?.handelsetyp);
    const komp = cases.flatMap((a) => a.handelser).filter((h) => h.handelsetyp === 'KOMP');
    expect(komp.length).toBeGreaterThan(0);
    for (const h of komp) expect(h.bevakningar[0]?.bevakningDatum).toBeGreaterThan(h.startDatum);
    const decisions = cases.flatMap((a) => a.handelser).filter((h) => h.beslut);
    expect(decisions.some((h) => h.beslut?.arHuvudbeslut && h.handelseutfall === 'Bifall')).toBe(true);
    expect(decisions.some((h) => h.beslut?.arHuvudbeslut && h.handelseutfall === 'Avslag')).toBe(true);
    expect(decisions.some((h) => h.handelseslag === 'FORL' && !h.beslut?.arHuvudbeslut)).toBe(true);
    for (const kind of ['UNDER', 'GRANHO', 'REMISS', 'HANDLING'])
      expect(
        cases.some((a) => a.handelser.some((h) => h.handelsetyp === kind)),
        kind,
      ).toBe(true);
  });

  it('marks secret events with a chapter and paragraph, and voids events with their documents', () => {
    const events = cases.flatMap((a) => a.handelser);
    const secret = events.filter((h) => h.sekretess);
    expect(secret.length).toBeGreaterThan(0);
    for (const h of secret)
      expect([h.sekretessKapitel, h.sekretessParagraf].every((x) => /^\d+$/.test(x ?? ''))).toBe(true);
    const voided = events.filter((h) => h.makulerad);
    expect(voided.length).toBeGreaterThan(0);
    for (const h of voided) expect(h.handlingar.every((d) => d.makulerad)).toBe(true);
  });

  it('leaves only the register entry of a thinned case, and dates a voided one', () => {
    for (const a of cases.filter((x) => x.status === 'Gallrat')) {
      expect(a.intressenter).toEqual([]);
      expect(a.handelser).toEqual([]);
    }
    for (const a of cases.filter((x) => x.status === 'Makulerat')) expect(a.makulerDatum).toBeDefined();
  });

  it('advance moves some cases on and brings new ones, all changed at the new time', () => {
    const evolving = createByggrV8Data({ seed: 5, cases: 200 });
    const before = evolving.count();
    const at = new Date(evolving.now().getTime() + 86_400_000);
    const changed = evolving.advance(at);
    expect(evolving.count()).toBeGreaterThan(before);
    const changedAt = new Map(evolving.byChange().map((c) => [c.record.dnr, c.changedAt]));
    for (const a of changed) expect(changedAt.get(a.dnr)).toBe(at.getTime());
    expect(evolving.byChange().filter((c) => c.changedAt === at.getTime())).toHaveLength(changed.length);
  });
});
