import { describe, expect, it } from 'vitest';
import { TEST_PERSONNUMMER } from '../../demo/test-personnummer.js';
import { parsePersonnummer } from '../../person/personnummer.js';
import { createSs12000Data } from './data.js';
import { TEST_CHILDREN_2019, TEST_CHILDREN_SAMORDNING } from './test-children.js';

describe('SS 12000 simulated data', () => {
  it('uses only test-series numbers that parse, and none twice (a typo would be someone real)', () => {
    const extra = [...TEST_CHILDREN_2019, ...TEST_CHILDREN_SAMORDNING];
    for (const n of extra) expect(parsePersonnummer(n).ok, n).toBe(true);
    for (const n of TEST_CHILDREN_SAMORDNING) {
      const r = parsePersonnummer(n);
      expect(r.ok && r.value.kind).toBe('samordningsnummer');
    }
    const project = new Set(TEST_PERSONNUMMER.map((t) => t.number));
    expect(extra.filter((n) => project.has(n))).toEqual([]);
    expect(new Set(extra).size).toBe(extra.length);
    const allowed = new Set([...project, ...extra]);
    const data = createSs12000Data({ seed: 3 });
    for (const code of data.municipalities())
      for (const p of data.state(code)?.persons.values() ?? [])
        expect(allowed.has(p.personnummer)).toBe(true);
  });

  it('is the same for the same seed and calls, and different for another seed', () => {
    const snapshot = (seed: number) => {
      const d = createSs12000Data({ seed });
      d.advance(new Date('2026-05-05T07:00:00Z'));
      return JSON.stringify(d.municipalities().map((c) => [...(d.state(c)?.placements.values() ?? [])]));
    };
    expect(snapshot(5)).toBe(snapshot(5));
    expect(snapshot(5)).not.toBe(snapshot(6));
  });

  it('has placements, queueing children, protected persons and deletions in the history', () => {
    const d = createSs12000Data({ seed: 1 });
    expect(d.municipalities()).toEqual(['2480', '2460']);
    for (const code of d.municipalities()) {
      const s = d.state(code);
      if (!s) throw new Error(code);
      const placements = [...s.placements.values()];
      expect(placements.length).toBeGreaterThan(10);
      expect(new Set(placements.map((p) => p.schoolType))).toEqual(new Set(['FS', 'FTH']));
      expect(s.deletions.length).toBeGreaterThan(0);
    }
    const umea = [...(d.state('2480')?.persons.values() ?? [])];
    expect(umea.filter((p) => p.securityMarking === 'Skyddad folkbokföring').length).toBe(2);
    expect(umea.filter((p) => p.securityMarking === 'Skyddad folkbokföring').every((p) => !p.address)).toBe(
      true,
    );
  });

  it('gives the demo citizen (Maja Testberg) a current placement as guardian, whenever the demo starts', () => {
    for (const start of [new Date('2026-05-04T06:00:00Z'), new Date('2027-01-15T12:00:00Z')]) {
      const s = createSs12000Data({ start }).state('2480');
      const maja = [...(s?.persons.values() ?? [])].find((p) => p.personnummer === '19900321-2389');
      const today = start.toISOString().slice(0, 10);
      const hers = [...(s?.placements.values() ?? [])].filter(
        (p) => maja && p.ownerIds.includes(maja.id) && (p.endDate === undefined || p.endDate >= today),
      );
      expect(hers.length).toBeGreaterThan(0);
    }
  });
});
