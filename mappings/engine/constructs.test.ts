import { describe, expect, it } from 'vitest';
import { createPersonRefHasher } from '../../person/person-ref.js';
import { createCaseIdMinter } from '../../schemas/case-id.js';
import { compileMapping, MappingCompileError } from './compile-mapping.js';
import { EXAMPLE_CASE_ID_KEY, EXAMPLE_PERSON_REF_KEY, readExample } from './examples.js';
import { loadMapping } from './load-mapping.js';
import { type Mapping, MappingSchema } from './mapping-schema.js';

const base = loadMapping(new URL('./fixtures/byggr-v8/arende.yaml', import.meta.url).pathname).mapping;
const source = readExample(
  new URL('./fixtures/byggr-v8/examples/komplettering-inkommen.json', import.meta.url).pathname,
).source as Record<string, unknown>;

function issuesOf(change: (m: Mapping) => void): string[] {
  const m = structuredClone(base);
  change(m);
  try {
    compileMapping(m);
    return [];
  } catch (error) {
    if (!(error instanceof MappingCompileError)) throw error;
    return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
}

async function mapWith(change: (m: Mapping) => void, record: unknown = source) {
  const m = structuredClone(base);
  change(m);
  return compileMapping(m).map(record, {
    personRefs: createPersonRefHasher(EXAMPLE_PERSON_REF_KEY),
    caseIds: createCaseIdMinter(EXAMPLE_CASE_ID_KEY),
    now: new Date('2026-04-15T10:00:00Z'),
  });
}

describe('validate refuses misuse of the new constructs', () => {
  it('a personOrOrganisation rule outside the "ref" of an object, and a "ref" holding something else', () => {
    expect(
      issuesOf((m) => {
        const item = m.fields.parties?.item?.object ?? {};
        item.ref = { path: '@persOrgNr' };
        item.displayName = { personOrOrganisation: { path: '@persOrgNr' } };
      }),
    ).toEqual([
      'fields.parties.item.object.displayName.personOrOrganisation: a personOrOrganisation rule goes under the key "ref" of a party object',
      'fields.parties.item.object.ref: "ref" holds a personOrOrganisation rule (it gives personRef or orgRef)',
    ]);
  });

  it('forStatus naming a source status that tables.status does not map', () => {
    expect(
      issuesOf((m) => {
        if (m.fields.status.events) m.fields.status.events.forStatus = ['Pagaende'];
      }),
    ).toEqual([
      'fields.status.events.forStatus.0: "Pagaende" is not in tables.status, so a record without matching events could not get a status',
    ]);
  });

  it('drop of one indexed item', () => {
    expect(
      issuesOf((m) => m.drop?.push({ each: 'handelseLista.handelse[0]', where: { sekretess: true } })),
    ).toEqual(['drop.4.each: drop works on whole lists: leave out [n]']);
  });

  it.each([
    [{ select: 'a', pick: 'latest' }, 'pick latest needs "by"'],
    [{ select: 'a' }, 'a "select" rule needs "pick"'],
    [{ path: 'a', where: { b: 1 } }, '"where" belongs with "each" or "select", not "path"'],
    [{ each: 'a', item: { path: 'b' }, onItemError: 'skip' }, 'Invalid option'],
  ])('the format: %j', (rule, message) => {
    const parsed = MappingSchema.safeParse({
      ...base,
      fields: { ...base.fields, title: { class: 'public', ...rule } },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join('\n')).toContain(message);
  });
});

describe('select and pick', () => {
  const withEvents = (handelse: unknown[]) => ({ ...source, handelseLista: { handelse } });
  const ev = (slag: string, startDatum?: string) => ({
    handelsetyp: 'HANDLING',
    handelseslag: slag,
    riktning: 'In',
    sekretess: 'false',
    makulerad: 'false',
    arbetsmaterial: 'false',
    ...(startDatum ? { startDatum } : {}),
  });

  it('latest compares instants, not text, so an offset and a local time are ordered right', async () => {
    const result = await mapWith(
      () => {},
      withEvents([ev('KOMPBYGG', '2026-03-20T09:30:00+01:00'), ev('KOMPTEK', '2026-03-20T09:00:00')]),
    );
    // 09:00 local (+01:00) is before 09:30+01:00: the first is the latest.
    expect(result.ok === true && result.case.completeAt).toBe('2026-03-20T09:30:00.000+01:00');
  });

  it('latest takes the later of two items of the same instant (journal order)', async () => {
    const result = await mapWith(
      (m) => {
        m.fields.title = {
          class: 'public',
          select: 'handelseLista.handelse',
          pick: 'latest',
          by: 'startDatum',
          value: { path: 'handelseslag' },
        };
      },
      withEvents([ev('KOMPBYGG', '2026-03-20T09:00:00'), ev('KOMPTEK', '2026-03-20T09:00:00')]),
    );
    expect(result.ok === true && result.case.title).toBe('KOMPTEK');
  });

  it('an item without a date is no candidate; with none left the field is absent', async () => {
    const result = await mapWith(() => {}, withEvents([ev('KOMPBYGG')]));
    expect(result.ok === true && result.case.completeAt).toBeUndefined();
  });
});

describe('deleted: a record that says its source removed the case', () => {
  const gallrad = { ...source, status: 'Gallrat', intressentLista: undefined, handelseLista: undefined };

  it('maps to a removal of the case, as of the record’s change time, reading nothing else', async () => {
    const result = await mapWith((m) => {
      m.deleted = { when: { status: { in: ['Gallrat', 'Makulerat'] } } };
    }, gallrad);
    expect(result).toMatchObject({
      ok: 'deleted',
      sourceId: 'BN 2026-000204',
      at: expect.stringMatching(/^2026-04-10/),
    });
    // The same case's id as when it was stored, so the hub removes the right one.
    const stored = await mapWith(() => {}, source);
    expect(stored.ok === true && stored.case.id).toBe(result.ok === 'deleted' && result.caseId);
  });

  it('leaves every other record to the fields', async () => {
    const result = await mapWith((m) => {
      m.deleted = { when: { status: { in: ['Gallrat', 'Makulerat'] } } };
    });
    expect(result.ok).toBe(true);
  });
});
