import { join } from 'node:path';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { shippedMappingsDir } from '../location.js';
import { listExamples, readExample } from './examples.js';
import { compileFast } from './expr-fast.js';
import { loadMapping } from './load-mapping.js';

const PLACERING = join(shippedMappingsDir(), 'ss12000/placering.yaml');
const ANSOKAN = join(shippedMappingsDir(), 'ss12000/ansokan.yaml');

/** Every `expr` text in a mapping. */
function exprsOf(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'expr' && typeof v === 'string' ? [v] : exprsOf(v),
  );
}

const SHIPPED = [...exprsOf(loadMapping(PLACERING).mapping), ...exprsOf(loadMapping(ANSOKAN).mapping)];

// Each reaches a corner where JSONata refuses, coerces or reads a sequence.
const EDGES = [
  'a',
  'a.b.c',
  'a = "x"',
  'a != "x"',
  'a = 1',
  'a < "m"',
  'a < 5',
  'a >= b',
  'a & "!"',
  '"<" & a & ">"',
  'a + 1',
  'a * b - 1',
  'a / 0',
  'a % 2',
  'a and b',
  'a or b',
  'a ? "yes" : "no"',
  'a ? "yes"',
  '(a; b)',
  '()',
  'true',
  'null',
  '$exists(a)',
  '$exists(a.b)',
  '$toMillis(a)',
  '$fromMillis(a)',
  '$fromMillis(a, "[Y0001]-[M01]-[D01]", "+0100")',
  '$fromMillis($toMillis(a) + 86400000, "[Y0001]-[M01]-[D01]")',
  '$fromMillis(b, "[Y0001]-[M01]-[D01]")',
  '$fromMillis($toMillis($now()), "[Y0001]-[M01]-[D01]", "+0100")',
  '$fromMillis($toMillis($now()), "[Y0001]-[M01]-[D01]", a)',
  '$fromMillis(1, "[Bad")',
  '$now()',
];

const SCALARS: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'm',
  '2026-05-31',
  '2026-06-01T10:00:00Z',
  '2026-13-45',
  0,
  7,
  -2.5,
  1780000000000,
  true,
  false,
  [],
  ['x'],
  ['x', 'y'],
  { b: 'x' },
  { b: { c: 3 } },
  { b: [1, 2] },
  { b: null },
];

/** Records over `a` and `b`, and the shipped mappings' own example records. */
function records(): unknown[] {
  const pairs = SCALARS.flatMap((a, i) => [
    { a, b: SCALARS[(i * 7 + 3) % SCALARS.length] },
    { a, b: a },
  ]);
  const examples = [PLACERING, ANSOKAN].flatMap((file) =>
    listExamples(file).map((f) => readExample(f).source),
  );
  const variants = examples.flatMap((source) => {
    const r = source as Record<string, unknown>;
    return [
      { ...r, endDate: 20260101 },
      { ...r, endDate: null },
      { ...r, endDate: ['2020-01-01'] },
      { ...r, endDate: 'not a date' },
      { ...r, placedAt: [{ displayName: 'A' }, { displayName: 'B' }] },
      { ...r, placedAt: { displayName: 42 } },
      { ...r, schoolType: ['FS'] },
    ];
  });
  return [...pairs, ...examples, ...variants, [{ a: 'x' }], 'x', null];
}

type Outcome = { value: unknown } | { threw: true };

async function byJsonata(expression: jsonata.Expression, record: unknown, now: Date): Promise<Outcome> {
  try {
    return { value: await expression.evaluate(record, { now: () => now.toISOString() }) };
  } catch {
    return { threw: true };
  }
}

function byFast(fast: (r: unknown, n: Date) => unknown, record: unknown, now: Date): Outcome {
  try {
    return { value: fast(record, now) };
  } catch {
    return { threw: true };
  }
}

// Two instants on either side of a local midnight, taken in turn so a value kept for one `now` would show.
const NOWS = [new Date('2026-06-01T10:00:00Z'), new Date('2026-05-31T22:30:00Z')];

describe('the fast JSONata subset', () => {
  it('compiles every expression of the shipped SS 12000 placement mapping', () => {
    const placering = exprsOf(loadMapping(PLACERING).mapping);
    expect(placering.length).toBeGreaterThan(0);
    for (const text of placering) expect(compileFast(jsonata(text)), text).toBeDefined();
  });

  it('maps the placement examples without falling back to JSONata', () => {
    const placering = exprsOf(loadMapping(PLACERING).mapping).flatMap((t) => compileFast(jsonata(t)) ?? []);
    expect(placering.length).toBeGreaterThan(0);
    for (const file of listExamples(PLACERING)) {
      const { source } = readExample(file);
      for (const fast of placering)
        for (const now of NOWS) expect(byFast(fast, source, now)).not.toEqual({ threw: true });
    }
  });

  it('formats one instant in turn with other pictures and offsets as JSONata does', async () => {
    const texts = [
      '$fromMillis(a, "[Y0001]-[M01]-[D01]")',
      '$fromMillis(a, "[Y0001]-[M01]-[D01]", "+0100")',
      '$fromMillis(a, "[D01].[M01].[Y0001]", "+0100")',
      '$fromMillis(a)',
      '$fromMillis(a, "[Y0001]-[M01]-[D01]")',
    ];
    const record = { a: Date.parse('2026-05-31T23:30:00Z') };
    for (const text of texts) {
      const expression = jsonata(text);
      const fast = compileFast(expression);
      expect(fast, text).toBeDefined();
      if (fast)
        expect(byFast(fast, record, NOWS[0] as Date)).toEqual(
          await byJsonata(expression, record, NOWS[0] as Date),
        );
    }
  });

  it('leaves what it does not know to JSONata: a filter, a lambda, another function', () => {
    for (const text of ['a[0]', 'a.b[c = 1]', '$map(a, function($v) { $v })', '$string(a)', '$$.a', '-a'])
      expect(compileFast(jsonata(text)), text).toBeUndefined();
  });

  it('gives JSONata’s own value wherever it gives a value, and never one where JSONata fails', async () => {
    const texts = [...SHIPPED, ...EDGES];
    const all = records();
    let fastValues = 0;
    for (const text of texts) {
      const expression = jsonata(text);
      const fast = compileFast(expression);
      if (!fast) continue;
      for (const record of all) {
        for (const now of [...NOWS, ...NOWS]) {
          const quick = byFast(fast, record, now);
          if ('threw' in quick) continue;
          fastValues++;
          const slow = await byJsonata(expression, record, now);
          expect(slow, `${text} over ${JSON.stringify(record)} at ${now.toISOString()}`).toStrictEqual(quick);
        }
      }
    }
    // The comparison is only worth something if the fast path answered often.
    expect(fastValues).toBeGreaterThan(2000);
  });
});
