/**
 * Why a record is refused (the reason an operator reads in the quarantine), and what a record gives when
 * a part is absent: the reason names the field and the rule, and a record is never stored with a value
 * its source did not give.
 */
import { describe, expect, it } from 'vitest';
import { KOMPLETTERING, mapWith, record } from './fixtures/v8-fixture.js';
import type { Rule } from './mapping-schema.js';

const source = (change: Record<string, unknown>) => ({ ...record(KOMPLETTERING), ...change });
const errorsOf = (result: Awaited<ReturnType<typeof mapWith>>) => (result.ok === false ? result.errors : []);

describe('a required value the record does not have', () => {
  it('is refused naming the field and the rule that found nothing', async () => {
    const result = await mapWith(
      (m) => {
        m.identity.reference = { firstOf: [{ path: '@lopnr' }, { path: '@diarienr' }] };
        m.fields.title = {
          class: 'public',
          join: [{ path: 'rubrik' }, { path: 'beskrivning' }],
          separator: ' – ',
        };
      },
      source({ ankomstDatum: undefined, '@arendetyp': undefined, beskrivning: ' ' }),
    );
    expect(errorsOf(result)).toEqual([
      {
        field: 'reference',
        message: 'required, but the source record has no value (first of (path @lopnr | path @diarienr))',
      },
      {
        field: 'status.since',
        message:
          'required, but the source record has no value (date yyyy-MM-dd Europe/Stockholm ← first of (path slutDatum | path makulerDatum | path ankomstDatum))',
      },
      {
        field: 'title',
        message: 'required, but the source record has no value (join " – " (path rubrik, path beskrivning))',
      },
      { field: 'caseType.code', message: 'required, but the source record has no value (path @arendetyp)' },
      {
        field: 'caseType.label',
        message: 'required, but the source record has no value (table arendetyper ← path @arendetyp)',
      },
      {
        field: 'receivedAt',
        message:
          'required, but the source record has no value (date yyyy-MM-dd Europe/Stockholm ← path ankomstDatum)',
      },
    ]);
  });

  it('is refused for an object none of whose parts has a value', async () => {
    const result = await mapWith(
      (m) => {
        m.fields.handler = {
          class: 'internal',
          object: { name: { path: 'handlaggare.namn', optional: true } },
        };
      },
      source({ handlaggare: undefined }),
    );
    expect(errorsOf(result)).toEqual([
      { field: 'handler', message: 'required, but the source record has no value (object)' },
    ]);
  });

  it('keeps the source id of a refused record, so the operator can find it, and has none when it is missing', async () => {
    const refused = await mapWith(() => {}, source({ status: 'Vilande' }));
    expect(refused).toMatchObject({ ok: false, sourceId: 'BN 2026-000204' });
    expect(errorsOf(refused)).toEqual([
      {
        field: 'status',
        message:
          'source status "Vilande" is not in tables.status (known: Pågående, Avslutat, Makulerat, Gallrat)',
      },
    ]);
    const anonymous = await mapWith(() => {}, source({ '@dnr': undefined }));
    expect(anonymous.ok).toBe(false);
    expect(anonymous).not.toHaveProperty('sourceId');
    expect(errorsOf(anonymous).map((e) => e.field)).toEqual(['source.sourceId', 'reference']);
    // mappings explain shows what was read before the record was refused.
    expect(refused.trace?.map((t) => t.field)).toContain('status.sourceCode');
  });

  it('is refused with a reason when an optional source status is absent and no event gives one', async () => {
    const result = await mapWith(
      (m) => {
        m.fields.status.from = { path: 'status', optional: true };
        delete m.fields.status.events;
      },
      source({ status: undefined }),
    );
    expect(result).toMatchObject({ ok: false, sourceId: 'BN 2026-000204' });
    expect(errorsOf(result)).toEqual([
      { field: 'status', message: 'required, but the source record has no value (path status)' },
    ]);
  });

  it('is refused, not stored with "undefined", when an optional reference is absent', async () => {
    const result = await mapWith((m) => {
      m.identity.reference = { path: '@lopnr', optional: true };
    });
    expect(errorsOf(result)).toEqual([
      {
        field: 'reference',
        message:
          'the mapped value does not fit the canonical model: Invalid input: expected string, received undefined',
      },
    ]);
    expect(result).toMatchObject({ sourceId: 'BN 2026-000204' });
    expect(result.trace?.map((t) => t.field)).toContain('reference');
  });

  it('names the nested place a mapped value does not fit', async () => {
    const result = await mapWith((m) => {
      m.fields.confidentiality = { class: 'internal', const: 'hemlig' };
    });
    expect(errorsOf(result).map((e) => e.field)).toEqual(['confidentiality.level']);
  });

  it('is refused with a reason, not a crash, when an optional case type is absent', async () => {
    const result = await mapWith(
      (m) => {
        (m.fields.caseType as Rule).optional = true;
      },
      source({ '@arendetyp': undefined }),
    );
    expect(errorsOf(result).map((e) => e.field)).toEqual(['caseType']);
  });
});

describe('a value the rule cannot read', () => {
  it('gives the date’s own reason rather than "required"', async () => {
    const result = await mapWith(() => {}, source({ ankomstDatum: '2026-02-30' }));
    expect(errorsOf(result).map((e) => e.field)).toEqual(['status.since', 'receivedAt']);
    for (const error of errorsOf(result))
      expect(error.message).toMatch(/^"2026-02-30" is not a date in format yyyy-MM-dd/);
  });

  it('says a path reaches a list of several items, and how to fix it', async () => {
    const result = await mapWith((m) => {
      m.fields.title = { class: 'public', path: 'handelseLista.handelse.rubrik' };
    });
    expect(errorsOf(result)).toEqual([
      {
        field: 'title',
        message:
          'the path reaches a list of 5 items before "rubrik"; use "each" or an index like [0] (path handelseLista.handelse.rubrik)',
      },
    ]);
  });

  it('names an unknown code and the known ones, at most twelve', async () => {
    const codes = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i + 1}`, `k${i + 1}`]));
    const refused = async (n: number) => {
      const result = await mapWith((m) => {
        m.tables.koder = codes(n);
        m.fields.title = { class: 'public', table: 'koder', from: { path: '@arendetyp' } };
      });
      return errorsOf(result).map((e) => e.message);
    };
    const twelve = Object.keys(codes(12)).join(', ');
    expect(await refused(12)).toEqual([`source value "BL" is not in table koder (known: ${twelve})`]);
    expect(await refused(13)).toEqual([`source value "BL" is not in table koder (known: ${twelve}, …)`]);
  });

  it('reads a code with spaces around it as the code', async () => {
    const result = await mapWith(() => {}, source({ '@arendetyp': ' BL ' }));
    expect(result.ok === true && result.case.caseType.label).toEqual({
      sv: 'Bygglov',
      en: 'Building permit',
      ar: 'رخصة بناء',
    });
  });

  it('gives the JSONata expression’s own error under its field, also for an optional field', async () => {
    const result = await mapWith((m) => {
      m.fields.title = { class: 'public', expr: '$error("no title in this record")' };
      m.fields.closedAt = { class: 'public', optional: true, expr: '$error("no end")' };
    });
    expect(errorsOf(result)).toEqual([
      {
        field: 'title',
        message: 'JSONata failed: no title in this record (expr $error("no title in this record"))',
      },
      { field: 'closedAt', message: 'JSONata failed: no end (expr $error("no end"))' },
    ]);
    expect(result.trace?.find((t) => t.field === 'title')?.rule).toBe(
      'expr $error("no title in this record")',
    );
  });
});

describe('an expression that gives null', () => {
  it('leaves an optional field absent', async () => {
    const result = await mapWith((m) => {
      m.fields.closedAt = { class: 'public', optional: true, expr: 'null' };
    });
    expect(result.ok).toBe(true);
    expect(result.ok === true && result.case.closedAt).toBeUndefined();
  });
});

describe('an optional object', () => {
  const unit = (m: Parameters<Parameters<typeof mapWith>[0]>[0]) => {
    m.tables.enheter = { BYGG: 'Bygglovsenheten' };
    m.fields.handler = {
      class: 'internal',
      optional: true,
      object: {
        name: { path: 'handlaggare.namn' },
        unit: { table: 'enheter', from: { path: 'handlaggare.enhet' } },
      },
    };
  };

  it('wholly absent leaves the case without it', async () => {
    const result = await mapWith(unit, source({ handlaggare: undefined }));
    expect(result.ok).toBe(true);
    expect(result.ok === true && result.case).not.toHaveProperty('handler');
  });

  it('with a part present but wrong is refused, not silently left out', async () => {
    const result = await mapWith(unit, source({ handlaggare: { enhet: 'XYZ' } }));
    expect(errorsOf(result)).toEqual([
      { field: 'handler.unit', message: 'source value "XYZ" is not in table enheter (known: BYGG)' },
    ]);
  });
});

describe('a joined name', () => {
  it('has its parts trimmed, and no name at all when every part is absent', async () => {
    const padded = await mapWith(
      () => {},
      source({ handlaggare: { fornamn: 'Anna ', efternamn: ' Berglund' } }),
    );
    expect(padded.ok === true && padded.case.handler).toEqual({
      name: 'Anna Berglund',
      unit: 'Bygglovsenheten',
    });
    const nameless = await mapWith(() => {}, source({ handlaggare: {} }));
    expect(nameless.ok === true && nameless.case.handler).toEqual({ unit: 'Bygglovsenheten' });
  });
});

describe('parties', () => {
  it('are an empty list for a mapping without them', async () => {
    const result = await mapWith((m) => {
      delete m.fields.parties;
    });
    expect(result.ok === true && result.case.parties).toEqual([]);
  });

  it('identified by a personnummer rule get a person reference, never the number', async () => {
    const result = await mapWith((m) => {
      const item = m.fields.parties?.item?.object;
      if (!item) return;
      delete item.ref;
      item.personRef = { personnummer: { path: '@persOrgNr' } };
    });
    expect(result.ok === true && result.case.parties[0]?.personRef).toMatch(/^pr1_/);
    expect(JSON.stringify(result)).not.toMatch(/121212/);
  });

  it('identified by an organisationsnummer rule get an organisation reference; a person there is left out with a warning', async () => {
    const result = await mapWith((m) => {
      const item = m.fields.parties?.item?.object;
      if (!item) return;
      delete item.ref;
      item.orgRef = { organisationsnummer: { path: '@persOrgNr' } };
    }, record('bolag-och-privatperson.json'));
    expect(result.ok === true && result.case.parties.map((p) => p.orgRef?.slice(0, 4))).toEqual(['or1_']);
    expect(result.ok === true && result.warnings.map((w) => w.field)).toEqual(['parties[1].orgRef']);
    expect(JSON.stringify(result)).not.toMatch(/16462000|19900321/);
  });
});
