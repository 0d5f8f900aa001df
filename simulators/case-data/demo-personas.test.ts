/**
 * Issue 16 item 6: the demo's citizens have the handful of cases a real citizen has (Maja Testberg
 * 2–6, the protected Kim Skyddsdal 1–2), with the demo's own amounts of simulated data.
 */
import { describe, expect, it } from 'vitest';
import { createByggrV8Data } from '../byggr-v8/data.js';
import { createSs12000Data } from '../ss12000/data.js';
import { createOmsorgData } from './index.js';
import { DEMO_CITIZEN } from './people.js';

const KIM = '19900604-2395';
const START = new Date('2026-06-01T08:00:00Z');

/** Every personnummer that appears in a simulated record, counted once per record. */
function partiesIn(records: unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const found = new Set(JSON.stringify(record).match(/\b(?:19|20)\d{6}-?\d{4}\b/g) ?? []);
    for (const n of found) {
      const dashed = n.includes('-') ? n : `${n.slice(0, 8)}-${n.slice(8)}`;
      counts.set(dashed, (counts.get(dashed) ?? 0) + 1);
    }
  }
  return counts;
}

describe('the demo personas’ cases', () => {
  // As demo/simulated-sources.ts starts them: Umeå 150 cases, Vännäs 60, Bjurholm 30, Nordmaling 50.
  const byggr = [
    createByggrV8Data({ start: START, cases: 150, municipalities: ['2480'] }),
    ...(
      [
        ['2460', 60],
        ['2403', 30],
        ['2401', 50],
      ] as const
    ).map(([code, cases]) =>
      createByggrV8Data({ start: START, cases, seed: Number(code), municipalities: [code] }),
    ),
  ];
  const omsorg = createOmsorgData({ start: START, cases: 150 });
  const ss12000 = createSs12000Data({ start: START });
  // A school case (a placement or a queue application) is the child's and each responsible adult's.
  const school = ss12000.municipalities().flatMap((code) => {
    const state = ss12000.state(code);
    if (!state) return [];
    const numbersOf = (childId: string) => {
      const child = state.persons.get(childId);
      const adults = (child?.responsibles ?? []).map((r) => state.persons.get(r.personId)?.personnummer);
      return [child?.personnummer, ...adults].filter((n): n is string => n !== undefined);
    };
    return [
      ...[...state.placements.values()].filter((p) => !p.mistake).map((p) => numbersOf(p.childId)),
      ...state.queue.map((q) => numbersOf(q.childId)),
    ];
  });

  const count = (n: string) =>
    (partiesIn(byggr.flatMap((d) => d.list())).get(n) ?? 0) +
    (partiesIn(omsorg.list()).get(n) ?? 0) +
    (partiesIn(school).get(n) ?? 0);

  it('gives Maja Testberg between two and six cases across building permits, school and social services', () => {
    expect(count(DEMO_CITIZEN)).toBeGreaterThanOrEqual(2);
    expect(count(DEMO_CITIZEN)).toBeLessThanOrEqual(6);
  });

  it('gives Maja Testberg at least one ongoing and one closed building permit', () => {
    const permits = byggr.flatMap((d) => d.list()).filter((a) => JSON.stringify(a).includes(DEMO_CITIZEN));
    // ByggR's own status word of each permit (the record's first `status`).
    const states = permits.map((a) => JSON.stringify(a).match(/"status":"([^"]+)"/)?.[1]);
    expect(states).toContain('Avslutat');
    expect(states.some((s) => s !== undefined && !['Avslutat', 'Makulerat'].includes(s))).toBe(true);
  });

  it('gives the protected citizen one or two', () => {
    expect(count(KIM)).toBeGreaterThanOrEqual(1);
    expect(count(KIM)).toBeLessThanOrEqual(2);
  });
});
