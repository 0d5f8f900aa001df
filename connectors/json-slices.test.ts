import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonInSlices } from './json-slices.js';

/** JSON.parse's verdict as a value: the parsed value, or 'refused'. */
const verdict = async (parse: () => unknown): Promise<unknown> => {
  try {
    return { value: await parse() };
  } catch (error) {
    expect(error).toBeInstanceOf(SyntaxError);
    return 'refused';
  }
};

describe('parseJsonInSlices', () => {
  it('parses what JSON.parse parses, to the same value, however small the slices', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.integer({ min: 1, max: 40 }), async (value, sliceChars) => {
        const text = JSON.stringify(value, null, sliceChars % 3);
        expect(await parseJsonInSlices(text, { sliceChars })).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what JSON.parse refuses (broken structure in a sliced text)', async () => {
    const broken = [
      '{"a":1,}',
      '[1,]',
      '[1 2]',
      '{"a" 1}',
      '{"a":[1,2}',
      '{"a":1}{"b":2}',
      '[{"a":1]]',
      '{"a":"unterminated}',
      '[1,2,3',
      '{1:2}',
      '["a",,"b"]',
      '{"a":[{"b":"c"},{"d":tru}]}',
    ];
    for (const text of broken) {
      expect(await verdict(() => parseJsonInSlices(text, { sliceChars: 2 })), text).toBe('refused');
      expect(await verdict(() => JSON.parse(text))).toBe('refused');
    }
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...'{}[],:"\\ 1a-e.tnu'.split('')) }),
        async (text) => {
          expect(await verdict(() => parseJsonInSlices(text, { sliceChars: 3 }))).toStrictEqual(
            await verdict(() => JSON.parse(text)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps "__proto__" a plain key, as JSON.parse does', async () => {
    const text = `{"__proto__":{"polluted":true},"pad":"${'x'.repeat(50)}"}`;
    const parsed = (await parseJsonInSlices(text, { sliceChars: 8 })) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives the event loop turns while it parses a long page (JSON.parse gives none)', async () => {
    const page = {
      items: Array.from({ length: 20_000 }, (_, i) => ({ id: `r${i}`, status: 'x'.repeat(40) })),
      nextCursor: null,
    };
    const text = JSON.stringify(page);
    let turns = 0;
    const count = () => {
      turns++;
      if (!done) setImmediate(count);
    };
    let done = false;
    setImmediate(count);
    const parsed = await parseJsonInSlices(text, { budgetMs: 0 });
    done = true;
    expect(parsed).toStrictEqual(page);
    // Each pause lets one of our setImmediate callbacks run; a whole-text JSON.parse would let none.
    expect(turns).toBeGreaterThan(10);
  });
});
