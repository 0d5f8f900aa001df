/**
 * What a system owner reads when a mapping file is refused: every problem at once, one a line, each at
 * its place in the file (`identity.sourceId.path`, `drop.0.each`, `fields.receivedAt.zone`).
 */
import { describe, expect, it } from 'vitest';
import { compileMapping, MappingCompileError } from './compile-mapping.js';
import { base, compileErrorOf } from './fixtures/v8-fixture.js';
import type { Rule } from './mapping-schema.js';

describe('a refused mapping', () => {
  it('is a MappingCompileError whose message lists every problem, one a line, at its place', () => {
    const mapping = structuredClone(base);
    mapping.fields.receivedAt = { ...(mapping.fields.receivedAt as Rule), zone: 'Europe/Stokholm' };
    mapping.fields.title = { class: 'public', table: 'arendetyp', from: { path: '@arendetyp' } };
    let error: unknown;
    try {
      compileMapping(mapping);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(MappingCompileError);
    expect((error as Error).name).toBe('MappingCompileError');
    expect((error as Error).message).toBe(
      [
        'fields.title.table: there is no table "arendetyp" under tables',
        'fields.receivedAt.zone: unknown time zone "Europe/Stokholm"',
      ].join('\n'),
    );
    expect((error as MappingCompileError).issues.map((i) => i.path.join('.'))).toEqual([
      'fields.title.table',
      'fields.receivedAt.zone',
    ]);
  });

  it('names the place of a bad path in the identity, the deleted rule and nested rules', () => {
    const bad = (path: string) => `"${path}" is not a valid path`;
    expect(
      compileErrorOf((m) => {
        m.identity.sourceId = { path: '@dnr[x]' };
        m.identity.reference = { firstOf: [{ path: '@dnr' }, { path: 'lopnr[x]' }] };
        m.identity.sourceUpdatedAt = { date: { path: 'uppdaterad[x]' }, format: 'yyyy-MM-dd' };
        m.identity.sourceVersion = { join: [{ path: 'version[x]' }] };
        m.deleted = { when: { 'status[x]': 'Gallrat' } };
        m.fields.title = { class: 'public', table: 'arendetyper', from: { path: 'typ[x]' } };
      }).split('\n'),
    ).toEqual([
      `identity.sourceId.path: ${bad('@dnr[x]')}`,
      `identity.reference.firstOf.1.path: ${bad('lopnr[x]')}`,
      `identity.sourceUpdatedAt.date.path: ${bad('uppdaterad[x]')}`,
      `identity.sourceVersion.join.0.path: ${bad('version[x]')}`,
      `deleted.when.status[x]: ${bad('status[x]')}`,
      `fields.title.from.path: ${bad('typ[x]')}`,
    ]);
  });

  it('says why an expression cannot be used inside each', () => {
    expect(
      compileErrorOf((m) => {
        const item = m.fields.documents?.item?.object;
        if (item) item.kind = { expr: 'typ' };
      }),
    ).toBe(
      'fields.documents.item.object.kind.expr: expr is evaluated over the whole record and cannot be used inside each',
    );
  });

  it('says where a secret class would drop nothing', () => {
    expect(
      compileErrorOf((m) => {
        m.fields.title = {
          class: 'public',
          firstOf: [{ class: 'secret', path: 'beskrivning' }, { const: 'Bygglov' }],
        };
      }),
    ).toBe(
      'fields.title.firstOf.0: only a field or a part of an object may be secret (here nothing would be dropped)',
    );
  });

  it('accepts a time zone given on the rule itself', () => {
    expect(
      compileErrorOf((m) => {
        m.fields.receivedAt = { ...(m.fields.receivedAt as Rule), zone: 'Europe/Helsinki' };
      }),
    ).toBe('');
  });
});
