/**
 * A record that says its source removed the case (gallring, makulering): the hub removes the case as of
 * the record's change time, or refuses the record with a reason when it cannot say which case or when.
 */
import { describe, expect, it } from 'vitest';
import { KOMPLETTERING, mapWith, record } from './fixtures/v8-fixture.js';
import type { Mapping } from './mapping-schema.js';

const removedWhenGallrat = (m: Mapping) => {
  m.deleted = { when: { status: { in: ['Gallrat', 'Makulerat'] } } };
};
const gallrad = (change: Record<string, unknown> = {}) => ({
  ...record(KOMPLETTERING),
  status: 'Gallrat',
  intressentLista: undefined,
  handelseLista: undefined,
  ...change,
});

describe('a removal', () => {
  it('shows in the trace which rule said the case was removed', async () => {
    const result = await mapWith(removedWhenGallrat, gallrad());
    expect(result.ok).toBe('deleted');
    expect(result.trace).toEqual([
      {
        field: 'drop[0]',
        value: 0,
        class: 'secret',
        rule: 'drop each handelseLista.handelse where sekretess = true',
      },
      {
        field: 'drop[1]',
        value: 0,
        class: 'secret',
        rule: 'drop each handelseLista.handelse where makulerad = true',
      },
      {
        field: 'drop[2]',
        value: 0,
        class: 'secret',
        rule: 'drop each handelseLista.handelse where arbetsmaterial = true',
      },
      {
        field: 'drop[3]',
        value: 0,
        class: 'secret',
        rule: 'drop each handelseLista.handelse.handlingLista.handling where makulerad = true',
      },
      { field: 'source.sourceId', value: 'BN 2026-000204', class: 'internal', rule: 'path @dnr' },
      { field: 'deleted', value: true, class: 'internal', rule: 'status in ["Gallrat", "Makulerat"]' },
    ]);
  });

  it('with a change time that is not a date is refused with the date’s reason, keeping the source id', async () => {
    const result = await mapWith(removedWhenGallrat, gallrad({ uppdateradDatum: 'igår' }));
    expect(result).toMatchObject({ ok: false, sourceId: 'BN 2026-000204' });
    expect(result.ok === false && result.errors).toEqual([
      {
        field: 'source.sourceUpdatedAt',
        message: expect.stringMatching(/^"igår" is not a date in format yyyy-MM-dd/),
      },
    ]);
  });

  it('is refused when one of its change times cannot be read, even if another can', async () => {
    const result = await mapWith(
      (m) => {
        removedWhenGallrat(m);
        m.identity.sourceUpdatedAt = {
          firstOf: [
            { date: { path: 'uppdateradDatum' }, format: 'yyyy-MM-dd' },
            { date: { path: 'registreradDatum' }, format: 'yyyy-MM-dd' },
          ],
        };
      },
      gallrad({ uppdateradDatum: 'igår' }),
    );
    expect(result.ok === false && result.errors.map((e) => e.field)).toEqual(['source.sourceUpdatedAt']);
  });

  it('without a change time (the mapping lets it be absent) is refused: it cannot be ordered', async () => {
    const result = await mapWith(
      (m) => {
        removedWhenGallrat(m);
        m.identity.sourceUpdatedAt = { ...m.identity.sourceUpdatedAt, optional: true };
      },
      gallrad({ uppdateradDatum: undefined }),
    );
    expect(result).toEqual({
      ok: false,
      sourceId: 'BN 2026-000204',
      errors: [{ field: 'source', message: 'a removed case needs its id and change time' }],
      warnings: [],
      trace: expect.any(Array),
    });
  });

  it('without a source id (the mapping lets it be absent) is refused: no case to remove', async () => {
    const result = await mapWith(
      (m) => {
        removedWhenGallrat(m);
        m.identity.sourceId = { path: '@dnr', optional: true };
      },
      gallrad({ '@dnr': undefined }),
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'source', message: 'a removed case needs its id and change time' }],
      warnings: [],
      trace: expect.any(Array),
    });
  });
});
