import { describe, expect, it } from 'vitest';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { compileMapping } from './compile-mapping.js';
import { EXAMPLE_PERSON_REF_KEY, listExamples, mapExample, readExample, runExamples } from './examples.js';
import { loadMapping } from './load-mapping.js';
import type { Mapping } from './mapping-schema.js';

const FIXTURE = new URL('./fixtures/byggr-v8/arende.yaml', import.meta.url).pathname;
const example = (name: string) =>
  readExample(new URL(`./fixtures/byggr-v8/examples/${name}`, import.meta.url).pathname);
const mapper = loadMapping(FIXTURE);

/** Everything a reader of the case or of `mappings explain` could see. */
async function visibleText(m = mapper, name = 'hemlig-och-makulerad-handelse.json'): Promise<string> {
  const result = await mapExample(m, example(name), true);
  return JSON.stringify(result);
}

describe('the v8 fixture mapping (drop, where, select, status from events, organisation parties)', () => {
  it('gives exactly the golden result for every example', async () => {
    expect(listExamples(FIXTURE).length).toBeGreaterThanOrEqual(10);
    const failed = (await runExamples(mapper, FIXTURE)).filter((o) => !o.passed);
    expect(failed.map((o) => ({ file: o.file, actual: o.actual }))).toEqual([]);
  });

  describe('a secret event', () => {
    // The secret event is a komplettering order: left in, it would set the status and the deadline clock.
    const SECRET = ['Läkarintyg', 'KOMPADM', 'KOMP/', 'sekretessKapitel'];
    const VOIDED = ['Felregistrerat beslut', 'Felaktigt beslut.pdf', 'fel fil', 'Tjänsteanteckning'];

    it('leaves its type, title and documents nowhere: not in the case, not in the trace', async () => {
      const text = await visibleText();
      for (const s of [...SECRET, ...VOIDED]) expect(text, s).not.toContain(s);
    });

    it('is really what hides them: without drop the secret title and the voided decision show (the test can fail)', async () => {
      const { drop: _drop, ...withoutDrop } = mapper.mapping;
      const leaky = compileMapping(withoutDrop as Mapping);
      const text = await visibleText(leaky);
      expect(text).toContain('Läkarintyg Tolvan.pdf');
      expect(text).toContain('Felaktigt beslut.pdf');
    });

    it('counts what was dropped in the trace, without a word of its content', async () => {
      const result = await mapExample(mapper, example('hemlig-och-makulerad-handelse.json'), true);
      expect(result.trace?.filter((t) => t.field.startsWith('drop[')).map((t) => t.value)).toEqual([
        1, 1, 1, 1,
      ]);
    });
  });

  describe('a company applicant with a private co-applicant', () => {
    it('keeps the case: the company is an organisation party, the person keeps a person reference', async () => {
      const result = await mapExample(mapper, example('bolag-och-privatperson.json'));
      expect(result.ok).toBe(true);
      if (result.ok !== true) return;
      const refs = createPersonRefHasher(EXAMPLE_PERSON_REF_KEY);
      const [company, person] = result.case.parties;
      expect(company).toMatchObject({ role: 'applicant', orgRef: expect.stringMatching(/^or1_/) });
      expect(company).not.toHaveProperty('personRef');
      expect(person).toEqual(
        expect.objectContaining({ role: 'co_applicant', personRef: refs.fromInput('19900321-2389') }),
      );
      // The neighbour is not a party of this mapping (where on each).
      expect(result.case.parties).toHaveLength(2);
    });

    it('never puts an organisationsnummer in clear in the case, with or without "16"', async () => {
      const text = JSON.stringify(await mapExample(mapper, example('bolag-och-privatperson.json'), true));
      expect(text).not.toMatch(/462000-?101/);
    });
  });

  it('leaves out one unreadable party with a warning instead of rejecting the case', async () => {
    const result = await mapExample(mapper, example('olaslig-part.json'));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      {
        field: 'parties[1].ref',
        message:
          'neither a valid personnummer (checksum) nor a valid organisationsnummer (format); parties[1] left out',
      },
    ]);
  });

  it('rejects the record on an unreadable party when the mapping does not say drop', async () => {
    const strict = structuredClone(mapper.mapping);
    delete strict.fields.parties?.onItemError;
    const result = await mapExample(compileMapping(strict), example('olaslig-part.json'));
    expect(result.ok).toBe(false);
  });
});
