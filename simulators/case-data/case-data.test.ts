import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_PERSONNUMMER } from '../../demo/test-personnummer.js';
import { loadMapping } from '../../mappings/engine/index.js';
import { shippedMappingsDir } from '../../mappings/location.js';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { STATUS_CODES } from '../../schemas/case.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { type CaseData, createOmsorgData, formatReference, streamOmsorgRecords } from './index.js';

const personRefs = createPersonRefHasher('simulator-test-key-0123456789abcdef');
const caseIds = createCaseIdMinter('simulator-test-case-id-key-0123456789ab');
const DAY = 86_400_000;

const domains = [
  { name: 'omsorg', mapping: 'omsorg-xml/socialtjanst.yaml', create: createOmsorgData },
] as const;

/** Every record version the data set shows: the start, then each change of several advance steps. */
function versions(data: CaseData<unknown>, steps: number): unknown[] {
  const seen: unknown[] = data.list().map((r) => structuredClone(r));
  let now = data.now().getTime();
  for (let i = 0; i < steps; i++) {
    now += 3 * DAY;
    for (const r of data.advance(new Date(now))) seen.push(structuredClone(r));
  }
  return seen;
}

const allowed = new Set(TEST_PERSONNUMMER.flatMap((p) => [p.number, p.number.replace('-', '')]));

describe.each(domains)('$name case data', ({ mapping, create }) => {
  const mapper = loadMapping(join(shippedMappingsDir(), mapping));

  it('maps every generated record version, reaching every canonical status', async () => {
    const records = versions(create({ seed: 7, cases: 150, historyDays: 60 }) as CaseData<unknown>, 8);
    expect(records.length).toBeGreaterThanOrEqual(300);
    const reached = new Set<string>();
    for (const record of records) {
      const result = await mapper.map(record, { personRefs, caseIds, now: new Date('2026-08-01T00:00:00Z') });
      if (result.ok !== true)
        expect.fail(
          `${JSON.stringify(result.ok === false ? result.errors : result)} in ${JSON.stringify(record)}`,
        );
      reached.add(result.case.status.code);
    }
    expect([...reached].sort()).toEqual([...STATUS_CODES].sort());
  });

  it('uses only published test personnummer', () => {
    const text = JSON.stringify(create({ seed: 3, cases: 200 }).list());
    for (const match of text.matchAll(/\b(?:\d{8}-?\d{4})\b/g)) expect(allowed).toContain(match[0]);
  });

  it('is the same for the same seed and calls, and different for another seed', () => {
    const run = (seed: number) => {
      const data = create({ seed, cases: 50 }) as CaseData<unknown>;
      data.advance(new Date(data.now().getTime() + DAY));
      return JSON.stringify(data.list());
    };
    expect(run(11)).toBe(run(11));
    expect(run(11)).not.toBe(run(12));
  });

  it('bumps the change time to the simulated now on every change', () => {
    const data = create({ seed: 5, cases: 60 }) as CaseData<unknown>;
    const now = new Date(data.now().getTime() + 2 * DAY);
    const changed = data.advance(now);
    expect(changed.length).toBeGreaterThan(0);
    const last = data.byChange().at(-1);
    expect(last?.changedAt).toBe(now.getTime());
    expect(data.byChange().filter((c) => c.changedAt === now.getTime())).toHaveLength(changed.length);
  });

  it('injects an unknown status that the mapping rejects, and recovers on the next move', async () => {
    const data = create({ seed: 9, cases: 40, activity: 1 }) as CaseData<unknown>;
    const broken = structuredClone(data.injectUnknownStatus());
    const result = await mapper.map(broken, { personRefs, caseIds, now: new Date('2026-08-01T00:00:00Z') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.field).toBe('status');
    const after = data.advance(new Date(data.now().getTime() + DAY));
    const again = after.find((r) => JSON.stringify(r).includes(JSON.stringify(broken).slice(0, 40)));
    expect(again).toBeDefined();
    expect((await mapper.map(again, { personRefs, caseIds, now: new Date('2026-08-01T00:00:00Z') })).ok).toBe(
      true,
    );
  });

  it('never moves the clock backwards', () => {
    const data = create({ cases: 5 });
    expect(() => data.advance(new Date(data.now().getTime() - 1000))).toThrow(RangeError);
  });
});

describe('references and people', () => {
  it('formats office reference templates', () => {
    expect(formatReference('BN {yyyy}-{n:6}', 2026, 123)).toBe('BN 2026-000123');
    expect(formatReference('BUN {yyyy}/{n}', 2026, 412)).toBe('BUN 2026/412');
    expect(formatReference('SN {yyyy}/{n:4}', 2026, 457)).toBe('SN 2026/0457');
    expect(formatReference('BYGG.{yyyy}.{n}', 2026, 812)).toBe('BYGG.2026.812');
  });

  it('numbers cases per year in the office format, and keeps numbering after advance', () => {
    const data = createOmsorgData({ cases: 3, start: new Date('2026-05-04T06:00:00Z'), historyDays: 10 });
    expect(data.list().map((r) => r.Diarienummer)).toEqual(['SN 2026/0100', 'SN 2026/0101', 'SN 2026/0102']);
    const arrived = data.advance(new Date('2026-05-05T06:00:00Z')).filter((r) => r.Status['@kod'] === 'INK');
    expect(arrived.at(-1)?.Diarienummer).toBe('SN 2026/0103');
    const other = createOmsorgData({ cases: 1, referenceFormat: 'BYGG.{yyyy}.{n}', firstNumber: 812 });
    expect(other.list()[0]?.Diarienummer).toBe('BYGG.2026.812');
  });

  it('gives the demo citizen the first social-services case', () => {
    // ByggR v8 and SS 12000 give her cases in their own data (simulators/byggr-v8, simulators/ss12000).
    expect(createOmsorgData({ cases: 1 }).list()[0]?.Klient.Personnummer).toBe('19900321-2389');
  });

  it('streams the same initial social-services cases as the data set holds', () => {
    const streamed = [...streamOmsorgRecords({ seed: 4, cases: 25 })];
    expect(streamed).toEqual(createOmsorgData({ seed: 4, cases: 25 }).list());
  });
});
