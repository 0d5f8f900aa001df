import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUS_CODES } from '../../schemas/case.js';
import { EXAMPLE_PERSON_REF_KEY, listExamples, mapExample, readExample } from './examples.js';
import { loadMapping, MappingFileError } from './load-mapping.js';

const MAPPINGS = new URL('..', import.meta.url).pathname;
const BYGGR = join(MAPPINGS, 'byggr-arendeexport/bygglov.yaml');
const dir = mkdtempSync(join(tmpdir(), 'arendenav-mapping-'));

/** The shipped mapping's title rule, as written in the file (the tests below swap it for a broken one). */
const TITLE_RULE =
  'title:\n    class: public\n    firstOf: [{ path: beskrivning }, { table: rubriker, from: { path: "@arendetyp" } }]';

/** Writes a copy of the ByggR mapping with one text replacement, and returns its path. */
function variantOf(name: string, from: string, to: string): string {
  const text = readFileSync(BYGGR, 'utf8');
  if (!text.includes(from)) throw new Error(`test setup: "${from}" not in the mapping`);
  const file = join(dir, name);
  writeFileSync(file, text.replace(from, to));
  return file;
}

function problemsOf(file: string): string[] {
  try {
    loadMapping(file);
  } catch (error) {
    if (error instanceof MappingFileError)
      return error.problems.map((p) => `${p.line ?? '-'}: ${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the mapping to be refused');
}

function lineOf(file: string, needle: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(needle)) + 1
  );
}

describe('a malformed mapping file is refused with file, line and reason', () => {
  it('YAML syntax errors', () => {
    const file = variantOf('syntax.yaml', 'domain: building_permit', 'domain: [building_permit');
    const [problem] = problemsOf(file);
    expect(problem).toMatch(/^\d+: : YAML: /);
  });

  it('a rule with two kinds', () => {
    const file = variantOf(
      'two-kinds.yaml',
      TITLE_RULE,
      'title: { class: public, path: x, firstOf: [{ path: beskrivning }] }',
    );
    expect(problemsOf(file)).toEqual([
      `${lineOf(file, 'title: {')}: fields.title: a rule has exactly one of path, const, firstOf, join, date, table, expr, personnummer, object, each, concat, select, organisationsnummer, personOrOrganisation; this one has path and firstOf`,
    ]);
  });

  it('an unknown key, named at its own line', () => {
    const file = variantOf(
      'unknown-key.yaml',
      'receivedAt: { class: public,',
      'receivedAt: { class: public, colour: red,',
    );
    expect(problemsOf(file)).toContainEqual(
      expect.stringMatching(new RegExp(`^${lineOf(file, 'colour')}: fields.receivedAt.colour: `)),
    );
  });

  it('a field without a class', () => {
    const file = variantOf('no-class.yaml', 'receivedAt: { class: public, date:', 'receivedAt: { date:');
    expect(problemsOf(file)).toEqual([
      `${lineOf(file, 'receivedAt: { date:')}: fields.receivedAt: every field needs a class (public, internal, confidential or secret)`,
    ]);
  });

  it('a table that does not exist', () => {
    const file = variantOf('no-table.yaml', 'table: roller', 'table: rollerna');
    expect(problemsOf(file)).toEqual([
      `${lineOf(file, 'table: rollerna')}: fields.parties.item.object.role.table: there is no table "rollerna" under tables`,
    ]);
  });

  it('a status mapped to something that is not a canonical status', () => {
    const file = variantOf('bad-status.yaml', 'Pågående: in_progress', 'Pågående: working');
    expect(problemsOf(file)).toEqual([
      `${lineOf(file, 'Pågående: working')}: tables.status.Pågående: "working" is not a canonical status (${STATUS_CODES.join(', ')})`,
    ]);
  });

  it('a JSONata expression that does not parse', () => {
    const file = variantOf('bad-expr.yaml', TITLE_RULE, 'title: { class: public, expr: "beskrivning &" }');
    expect(problemsOf(file)[0]).toMatch(
      new RegExp(`^${lineOf(file, 'expr:')}: fields.title.expr: JSONata: `),
    );
  });

  it('a non-canonical field name that is not secret', () => {
    const file = variantOf(
      'extra.yaml',
      'bevakningLista: { class: secret,',
      'bevakningLista: { class: internal,',
    );
    expect(problemsOf(file)[0]).toContain(
      'fields.bevakningLista: "bevakningLista" is not a canonical field; only a secret field may have another name',
    );
  });

  it('a missing file', () => {
    expect(problemsOf(join(dir, 'nope.yaml'))).toEqual(['-: : cannot read the file (ENOENT)']);
  });
});

describe('mapping records', () => {
  const mapper = loadMapping(BYGGR);
  const vector = readExample(join(MAPPINGS, 'byggr-arendeexport/examples/komplettering-inkommen.json'));
  const source = vector.source as Record<string, unknown>;
  type Event = Record<string, unknown>;
  const events = (s: Record<string, unknown>) => (s.handelseLista as { handelse: Event[] }).handelse;
  /** The vector with its journal edited (a deep copy: the vector stays as read). */
  const withEvents = (edit: (list: Event[]) => Event[], changes: Record<string, unknown> = {}) => {
    const copy = structuredClone(source);
    (copy.handelseLista as { handelse: Event[] }).handelse = edit(events(copy));
    return mapExample(mapper, { ...vector, source: { ...copy, ...changes } });
  };

  it('drops secret fields before anything leaves the mapping step', async () => {
    const watched = { ...source, bevakningLista: { bevakning: { anteckning: 'Granne har ringt' } } };
    const result = await mapExample(mapper, { ...vector, source: watched });
    expect(result.ok === true && result.dropped).toEqual(['bevakningLista']);
    expect(JSON.stringify(result)).not.toContain('Granne har ringt');
  });

  it('never keeps a raw personnummer, only the keyed reference', async () => {
    expect(JSON.stringify(source)).toContain('19900321-2389');
    const text = JSON.stringify(await mapExample(mapper, vector));
    expect(text).not.toMatch(/19900321|900321-?2389/);
    expect(text).toContain('pr1_');
    expect(EXAMPLE_PERSON_REF_KEY.length).toBeGreaterThanOrEqual(32);
  });

  it('lists every problem of a bad record at once', async () => {
    const bad = { ...source, status: 'PAUS', ankomstDatum: 'i går', '@dnr': undefined };
    const result = await mapExample(mapper, { ...vector, source: bad });
    expect(result.ok).toBe(false);
    expect(!result.ok && [...new Set(result.errors.map((e) => e.field))]).toEqual([
      'source.sourceId',
      'reference',
      'status.since',
      'receivedAt',
      'status',
    ]);
  });

  it('rejects a present but unknown value inside an optional object', async () => {
    const decided: Event = {
      '@handelseId': '999',
      riktning: 'Ut',
      rubrik: 'Beslut om lov',
      startDatum: '2026-04-30T10:00:00',
      handelsetyp: 'BESLUT',
      handelseslag: 'LOV',
      handelseutfall: 'Delvis',
      sekretess: 'false',
      makulerad: 'false',
      arbetsmaterial: 'false',
      beslut: { '@arHuvudbeslut': 'true' },
    };
    const result = await withEvents((list) => [...list, decided]);
    expect(!result.ok && result.errors).toEqual([
      {
        field: 'decision.outcome',
        message: expect.stringContaining('source value "Delvis" is not in table utfall'),
      },
      // Its words for the resident come from a table of their own, which does not know it either.
      {
        field: 'decision.label',
        message: expect.stringContaining('source value "Delvis" is not in table utfallstexter'),
      },
    ]);
  });

  it('rejects unreadable deadline inputs instead of counting from the wrong day', async () => {
    const date = await withEvents((list) =>
      list.map((e) => (e.handelsetyp === 'KOMP' ? { ...e, startDatum: '9 mars' } : e)),
    );
    expect(!date.ok && date.errors.map((e) => e.field)).toContain('deadline.completionRequestedAt');
    const extension: Event = {
      '@handelseId': '998',
      riktning: 'Ut',
      rubrik: 'Beslut om förlängd handläggningstid',
      startDatum: '2026-04-20T10:00:00',
      handelsetyp: 'BESLUT',
      handelseslag: 'FORL',
      sekretess: 'false',
      makulerad: 'false',
      arbetsmaterial: 'false',
      beslut: { '@arHuvudbeslut': 'false' },
      bevakningLista: { bevakning: { bevakningDatum: '2026-12-31T00:00:00' } },
    };
    const tooLong = await withEvents((list) => [...list, extension]);
    expect(!tooLong.ok && tooLong.errors[0]?.message).toMatch(/at most 10 weeks/);
  });

  it('counts "completion asked within 3 weeks" in calendar days, across the change to winter time', async () => {
    // Received 12 October, completion asked 2 November: day 21, on time although an hour is gained.
    const at: Record<string, string> = {
      ANSÖKAN: '2026-10-12T09:00:00',
      KOMP: '2026-11-02T10:00:00',
      HANDLING: '2026-11-10T10:00:00',
    };
    const result = await withEvents(
      (list) =>
        list
          .filter((e) => ['ANSÖKAN', 'KOMP', 'HANDLING'].includes(e.handelsetyp as string))
          .filter((e, i, all) => all.findIndex((o) => o.handelsetyp === e.handelsetyp) === i)
          .map((e) => ({ ...e, startDatum: at[e.handelsetyp as string] })),
      { ankomstDatum: '2026-10-12' },
    );
    expect(result.ok === true && result.case.deadline?.dueAt).toBe('2027-01-19');
  });

  it('never evaluates a secret field, even a JSONata one that would fail', async () => {
    const file = variantOf(
      'secret-expr.yaml',
      'bevakningLista: { class: secret, path: bevakningLista, optional: true }',
      'bevakningLista: { class: secret, expr: "$number(handlaggare.fornamn)" }',
    );
    const result = await mapExample(loadMapping(file), vector);
    expect(result.ok === true && result.dropped).toEqual(['bevakningLista']);
  });

  it('offers $now() to JSONata expressions', async () => {
    const file = variantOf(
      'now.yaml',
      TITLE_RULE,
      'title: { class: public, expr: "\\"Utskrift \\" & $substring($now(), 0, 10)" }',
    );
    const result = await mapExample(loadMapping(file), vector);
    expect(result.ok === true && result.case.title).toBe('Utskrift 2026-05-04');
  });

  it.each([
    ['byggr-arendeexport/bygglov.yaml'],
    ['ss12000/placering.yaml'],
    ['ss12000/ansokan.yaml'],
    ['omsorg-xml/socialtjanst.yaml'],
  ])('%s has an example for every canonical status its table or event rules map to', async (file) => {
    const m = loadMapping(join(MAPPINGS, file));
    const covered = new Set<string>();
    for (const f of listExamples(join(MAPPINGS, file))) {
      const result = await mapExample(m, readExample(f));
      if (result.ok === true) covered.add(result.case.status.code);
    }
    const reachable = [
      ...Object.values(m.mapping.tables.status ?? {}),
      ...(m.mapping.fields.status.events?.rules.map((r) => r.status) ?? []),
    ];
    expect([...covered].sort()).toEqual([...new Set(reachable)].sort());
  });
});

describe('a second municipality reuses the mapping with only an override file', () => {
  const base = loadMapping(BYGGR);
  const vannas = loadMapping(join(MAPPINGS, 'byggr-arendeexport/overrides/vannas.yaml'));
  const vector = readExample(join(MAPPINGS, 'byggr-arendeexport/examples/handlaggning.json'));

  it('differs only in municipality, office and the id derived from them', async () => {
    const a = await mapExample(base, vector);
    const b = await mapExample(vannas, vector);
    if (a.ok !== true || b.ok !== true) throw new Error('both must map');
    expect(b.case.municipality).toEqual({ code: '2460', name: 'Vännäs' });
    expect(b.case.office.code).toBe('MBN');
    expect(b.case.id).not.toBe(a.case.id);
    const { id: _a, municipality: _am, office: _ao, ...restA } = a.case;
    const { id: _b, municipality: _bm, office: _bo, ...restB } = b.case;
    expect(restB).toEqual(restA);
  });

  it('keeps the shared version and adds only table entries', () => {
    expect(vannas.version).toBe(base.version);
    expect(vannas.mapping.tables.enheter).toEqual({
      ...base.mapping.tables.enheter,
      MBK: 'Miljö- och byggkontoret',
    });
  });

  it('may add table codes but not change what a shared code means', () => {
    const file = join(dir, 'redefine-override.yaml');
    writeFileSync(
      file,
      `extends: ${BYGGR}\nmunicipality: { code: "2460", name: Vännäs }\ntables:\n  status:\n    Pågående: decided\n`,
    );
    expect(problemsOf(file)).toEqual([
      '5: tables.status.Pågående: "Pågående" is defined by the shared mapping; an override may add codes, not change shared ones',
    ]);
  });

  it('may not change anything but municipality, office, handler, tables and texts', () => {
    const file = join(dir, 'bad-override.yaml');
    writeFileSync(
      file,
      `extends: ${BYGGR}\nmunicipality: { code: "2460", name: Vännäs }\nfields:\n  title: { class: public, const: x }\n`,
    );
    expect(problemsOf(file)).toEqual(['4: fields.title: Unrecognized key: "title"']);
  });
});

describe('an override cannot carry a source value into a shared field', () => {
  const overrideFile = (fields: string) => {
    const file = join(dir, `override-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(
      file,
      `extends: ${BYGGR}\nmunicipality: { code: "2460", name: Vännäs }\nfields:\n${fields}`,
    );
    return file;
  };

  it('refuses a handler read from the record (a party’s number or name would reach a public field)', () => {
    const file = overrideFile(
      '  handler:\n    class: public\n    object:\n      name: { path: intressentLista.intressent.@persOrgNr }\n',
    );
    expect(problemsOf(file).join('\n')).toMatch(/fields\.handler/);
  });

  it('refuses a table the shared mapping does not have (a misspelling would be silently ignored)', () => {
    const file = join(dir, 'override-misspelt-table.yaml');
    writeFileSync(
      file,
      `extends: ${BYGGR}\nmunicipality: { code: "2460", name: Vännäs }\ntables:\n  enhetr: { MBK: Miljö- och byggkontoret }\n`,
    );
    expect(problemsOf(file).join('\n')).toMatch(/no table "enhetr"/);
  });

  it('refuses a class other than the shared one, and keeps the shared class when none is given', () => {
    const changed = overrideFile(
      '  office:\n    class: confidential\n    const: { code: X, name: Kontor, contact: {} }\n',
    );
    expect(problemsOf(changed).join('\n')).toMatch(/cannot change a field's class/);
    const kept = loadMapping(overrideFile('  office:\n    const: { code: X, name: Kontor, contact: {} }\n'));
    expect(kept.mapping.fields.office?.class).toBe(loadMapping(BYGGR).mapping.fields.office?.class);
  });
});
