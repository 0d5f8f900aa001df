/**
 * A part classed `secret` inside an `object` rule (a handler's name, a party's name) is dropped like a
 * secret field: never in the case, the trace or the field classes (issue 13's mutation list: the
 * handler's name leaked when the nested check was removed).
 */

import { describe, expect, it } from 'vitest';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { compileMapping, MappingCompileError, type MapResult } from './compile-mapping.js';
import { EXAMPLE_CASE_ID_KEY, EXAMPLE_PERSON_REF_KEY, readExample } from './examples.js';
import { loadMapping } from './load-mapping.js';
import type { Mapping, Rule } from './mapping-schema.js';

const BYGGR = new URL('../byggr-arendeexport/bygglov.yaml', import.meta.url).pathname;
const EXAMPLE = new URL('../byggr-arendeexport/examples/bolag-och-privatperson.json', import.meta.url)
  .pathname;
const vector = readExample(EXAMPLE);
const options = {
  personRefs: createPersonRefHasher(EXAMPLE_PERSON_REF_KEY),
  caseIds: createCaseIdMinter(EXAMPLE_CASE_ID_KEY),
  now: new Date(vector.now),
  trace: true,
};

async function mapWith(change: (m: Mapping) => void): Promise<MapResult> {
  const mapping = structuredClone(loadMapping(BYGGR).mapping);
  change(mapping);
  return compileMapping(mapping).map(vector.source, options);
}

const part = (rule: Rule | undefined, key: string): Rule => {
  const found = rule?.object?.[key];
  if (!found) throw new Error(`test setup: no "${key}" in the rule`);
  return found;
};

describe('a secret part of an object rule', () => {
  it('keeps the handler name out of the case, the trace and the field classes, and names it as dropped', async () => {
    const shown = await mapWith(() => {});
    expect(shown.ok === true && shown.case.handler?.name).toBe('Sara Nordmark');

    const result = await mapWith((m) => {
      part(m.fields.handler, 'name').class = 'secret';
    });
    expect(result.ok).toBe(true);
    if (result.ok !== true) return;
    expect(result.case.handler).toEqual({ unit: shown.ok === true ? shown.case.handler?.unit : undefined });
    expect(result.dropped).toContain('handler.name');
    expect(Object.keys(result.case.fieldClasses)).not.toContain('handler.name');
    expect(JSON.stringify(result)).not.toMatch(/Sara|Nordmark/);
  });

  it('keeps every party name out, not only the first list item', async () => {
    const shown = await mapWith(() => {});
    expect(shown.ok === true && shown.case.parties.map((p) => p.displayName)).toEqual([
      'Prövohus Bjurholm HB',
      'Maja Testberg',
    ]);

    const result = await mapWith((m) => {
      part(m.fields.parties?.item, 'displayName').class = 'secret';
    });
    expect(result.ok).toBe(true);
    if (result.ok !== true) return;
    expect(result.case.parties).toHaveLength(2);
    for (const party of result.case.parties) expect(party).not.toHaveProperty('displayName');
    expect(JSON.stringify(result)).not.toMatch(/Prövohus|Bjurholm HB|Maja|Testberg/);
  });

  it('is never evaluated: a JSONata expression there that would fail leaves the record mapped', async () => {
    const result = await mapWith((m) => {
      m.fields.handler = {
        ...(m.fields.handler as Rule),
        object: { ...m.fields.handler?.object, name: { class: 'secret', expr: '$error("evaluated")' } },
      };
    });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('evaluated');
  });

  it('is refused where it would drop nothing: a list item, a part of a concat, an alternative', () => {
    const issues = (change: (m: Mapping) => void) => {
      const mapping = structuredClone(loadMapping(BYGGR).mapping);
      change(mapping);
      try {
        compileMapping(mapping);
        return [];
      } catch (error) {
        if (!(error instanceof MappingCompileError)) throw error;
        return error.issues.map((i) => i.path.join('.'));
      }
    };
    expect(
      issues((m) => {
        (m.fields.parties?.item as Rule).class = 'secret';
        (part(m.fields.parties?.item, 'displayName').firstOf?.[0] as Rule).class = 'secret';
      }),
    ).toEqual(['fields.parties.item', 'fields.parties.item.object.displayName.firstOf.0']);
  });
});
