import { describe, expect, it } from 'vitest';
import type { CompileIssue } from './rule-context.js';
import { compileWhere, type Where } from './where.js';

const test = (where: Where) => {
  const issues: CompileIssue[] = [];
  const compiled = compileWhere(where, ['where'], { issues });
  expect(issues).toEqual([]);
  return (item: unknown) => compiled?.test(item);
};

// As the soap connector delivers ByggR: booleans and numbers are text, attributes are @name.
const event = {
  '@handelseId': '42',
  handelsetyp: 'BESLUT',
  handelseslag: 'LOV',
  sekretess: 'false',
  beslut: { '@arHuvudbeslut': 'true' },
  intressentLista: { intressent: [{ rollLista: { roll: ['SOK', 'FAG'] } }, { rollLista: { roll: 'GRAN' } }] },
};

describe('where', () => {
  it('compares text exactly, booleans as boolean words and numbers as numbers', () => {
    expect(test({ handelsetyp: 'BESLUT' })(event)).toBe(true);
    expect(test({ handelsetyp: 'beslut' })(event)).toBe(false);
    expect(test({ sekretess: false })(event)).toBe(true);
    expect(test({ sekretess: true })(event)).toBe(false);
    expect(test({ 'beslut.@arHuvudbeslut': true })(event)).toBe(true);
    expect(test({ '@handelseId': 42 })(event)).toBe(true);
  });

  it('needs every condition to hold', () => {
    expect(test({ handelsetyp: 'BESLUT', handelseslag: 'LOV' })(event)).toBe(true);
    expect(test({ handelsetyp: 'BESLUT', handelseslag: 'SLU' })(event)).toBe(false);
  });

  it('in: equal to one of the values', () => {
    expect(test({ handelseslag: { in: ['SLU', 'LOV'] } })(event)).toBe(true);
    expect(test({ handelseslag: { in: ['SLU'] } })(event)).toBe(false);
  });

  it('exists and not', () => {
    expect(test({ handelseutfall: { exists: false } })(event)).toBe(true);
    expect(test({ beslut: { exists: true } })(event)).toBe(true);
    expect(test({ handelsetyp: { not: 'KOMP' } })(event)).toBe(true);
    expect(test({ handelsetyp: { not: { in: ['BESLUT', 'KOMP'] } } })(event)).toBe(false);
    // A missing value is not equal to anything, so "not" holds for it.
    expect(test({ handelseutfall: { not: 'Bifall' } })(event)).toBe(true);
  });

  it('a path through lists matches if any value does (roles are a list)', () => {
    expect(test({ 'intressentLista.intressent.rollLista.roll': 'GRAN' })(event)).toBe(true);
    expect(test({ 'intressentLista.intressent.rollLista.roll': { in: ['KOA'] } })(event)).toBe(false);
  });
});
