/**
 * What a privacy officer checks of the `drop` step and of secret fields: a secret or voided item never
 * shows, whatever shape the source gives the list in, and the trace says how many were dropped and by
 * which rule, without a word of their content.
 */
import { describe, expect, it } from 'vitest';
import { compileErrorOf, KOMPLETTERING, mapWith, record } from './fixtures/v8-fixture.js';

/** A journal event of the fixture's shape with the given documents. */
const event = (
  id: string,
  flags: { sekretess?: boolean; makulerad?: boolean },
  documents: string[][] = [],
) => ({
  '@handelseId': id,
  riktning: 'In',
  rubrik: `Händelse ${id}`,
  startDatum: '2026-03-03T10:00:00',
  handelseslag: 'Bygglov',
  handelsetyp: 'ANSÖKAN',
  sekretess: String(flags.sekretess ?? false),
  makulerad: String(flags.makulerad ?? false),
  arbetsmaterial: 'false',
  handlingLista: {
    handling: documents.map(([name, makulerad]) => ({
      typ: 'BIL',
      status: 'Inkommen',
      handlingDatum: '2026-03-03',
      makulerad: makulerad ?? 'false',
      dokument: { namn: name },
    })),
  },
});

const withEvents = (handelse: unknown) => ({ ...record(KOMPLETTERING), handelseLista: { handelse } });
const titles = (result: Awaited<ReturnType<typeof mapWith>>) =>
  result.ok === true ? result.case.documents.map((d) => d.title) : [`refused: ${JSON.stringify(result)}`];

describe('a secret or voided event given as a single item (parsers give a one-element list as an object)', () => {
  it('is dropped with its documents, and counted once', async () => {
    const result = await mapWith(() => {}, withEvents(event('9', { sekretess: true }, [['Läkarintyg.pdf']])));
    expect(titles(result)).toEqual([]);
    expect(JSON.stringify(result)).not.toContain('Läkarintyg');
    expect(result.trace?.find((t) => t.field === 'drop[0]')?.value).toBe(1);
  });

  it('is kept when it is neither secret nor voided', async () => {
    const result = await mapWith(() => {}, withEvents(event('9', {}, [['Ansökan.pdf']])));
    expect(titles(result)).toEqual(['Ansökan.pdf']);
    expect(result.trace?.filter((t) => t.field.startsWith('drop[')).map((t) => t.value)).toEqual([
      0, 0, 0, 0,
    ]);
  });
});

describe('voided documents', () => {
  it('are dropped from every event, also when every event has one', async () => {
    const result = await mapWith(
      () => {},
      withEvents([
        event('1', {}, [['Ritning A.pdf'], ['Fel ritning A.pdf', 'true']]),
        event('2', {}, [['Ritning B.pdf'], ['Fel ritning B.pdf', 'true']]),
      ]),
    );
    expect(titles(result)).toEqual(['Ritning A.pdf', 'Ritning B.pdf']);
    expect(JSON.stringify(result)).not.toContain('Fel ritning');
    expect(result.trace?.find((t) => t.field === 'drop[3]')?.value).toBe(2);
  });

  it('are dropped when the single event holds a single document', async () => {
    const single = {
      ...event('1', {}),
      handlingLista: { handling: event('1', {}, [['Fel.pdf', 'true']]).handlingLista.handling[0] },
    };
    const result = await mapWith(() => {}, withEvents(single));
    expect(titles(result)).toEqual([]);
    expect(JSON.stringify(result)).not.toContain('Fel.pdf');
  });
});

describe('a record whose lists are empty elements', () => {
  it.each([
    ['an empty element where the events would be', { handelseLista: '' }],
    ['a nil element where the events would be', { handelseLista: { handelse: null } }],
    ['no event list at all', { handelseLista: undefined }],
  ])('is mapped: %s', async (_name, change) => {
    const result = await mapWith(() => {}, { ...record(KOMPLETTERING), ...change });
    expect(result.ok).toBe(true);
    expect(titles(result)).toEqual([]);
  });
});

describe('a drop that keeps only what is marked safe', () => {
  // Conservative: a document not explicitly marked "not voided" is dropped.
  const unlessMarked = (m: Parameters<Parameters<typeof mapWith>[0]>[0]) => {
    m.drop = [
      { each: 'handelseLista.handelse.handlingLista.handling', where: { makulerad: { not: false } } },
    ];
  };

  it('drops an unmarked document and keeps a marked one', async () => {
    const [marked] = event('1', {}, [['Markerad.pdf']]).handlingLista.handling;
    const unmarked = { ...marked, makulerad: undefined, dokument: { namn: 'Utan markering.pdf' } };
    const result = await mapWith(
      unlessMarked,
      withEvents({ ...event('1', {}), handlingLista: { handling: [unmarked, marked] } }),
    );
    expect(titles(result)).toEqual(['Markerad.pdf']);
    expect(result.trace?.find((t) => t.field === 'drop[0]')?.value).toBe(1);
  });

  it.each([
    ['an empty element', ''],
    ['a nil element', null],
  ])('counts %s where the documents would be as nothing dropped', async (_name, handling) => {
    const result = await mapWith(
      unlessMarked,
      withEvents({ ...event('1', {}), handlingLista: { handling } }),
    );
    expect(result.ok).toBe(true);
    expect(result.trace?.find((t) => t.field === 'drop[0]')?.value).toBe(0);
  });
});

describe('the trace of the drop step', () => {
  it('names each drop rule and what it removed, classed secret, and nothing of the items', async () => {
    const result = await mapWith(() => {}, record('hemlig-och-makulerad-handelse.json'));
    const drops = result.trace?.filter((t) => t.field.startsWith('drop[')) ?? [];
    expect(drops).toEqual([
      {
        field: 'drop[0]',
        value: 1,
        class: 'secret',
        rule: 'drop each handelseLista.handelse where sekretess = true',
      },
      {
        field: 'drop[1]',
        value: 1,
        class: 'secret',
        rule: 'drop each handelseLista.handelse where makulerad = true',
      },
      {
        field: 'drop[2]',
        value: 1,
        class: 'secret',
        rule: 'drop each handelseLista.handelse where arbetsmaterial = true',
      },
      {
        field: 'drop[3]',
        value: 1,
        class: 'secret',
        rule: 'drop each handelseLista.handelse.handlingLista.handling where makulerad = true',
      },
    ]);
  });

  it('refuses a drop whose list path cannot be read, naming the drop', () => {
    expect(
      compileErrorOf((m) => {
        m.drop = [{ each: 'handelseLista.handelse[x]', where: { sekretess: true } }];
      }),
    ).toBe('drop.0.each: "handelseLista.handelse[x]" is not a valid path');
  });
});

describe('a secret field', () => {
  const withNote = (m: Parameters<Parameters<typeof mapWith>[0]>[0]) => {
    // The secrecy chapter of the case: the hub must not even keep that there is one, or what it is about.
    m.fields.sekretess = {
      class: 'secret',
      object: {
        kapitel: { class: 'confidential', path: 'sekretessKapitel' },
        rubrik: { class: 'internal', path: 'sekretessRubrik' },
      },
    };
  };
  const source = {
    ...record(KOMPLETTERING),
    sekretessKapitel: '21',
    sekretessRubrik: 'Hälsouppgifter om sökanden',
  };

  it('is named as dropped and shows nowhere: not in the case, its field classes or the trace', async () => {
    const result = await mapWith(withNote, source);
    expect(result.ok).toBe(true);
    if (result.ok !== true) return;
    expect(result.dropped).toEqual(['sekretess']);
    expect(Object.keys(result.case.fieldClasses).filter((k) => k.startsWith('sekretess'))).toEqual([]);
    expect(JSON.stringify(result)).not.toMatch(/Hälsouppgifter|kapitel|rubrik/);
  });

  it('keeps the classes of the mapping’s other nested parts', async () => {
    const result = await mapWith((m) => {
      withNote(m);
      const name = m.fields.handler?.object?.name;
      if (name) name.class = 'confidential';
    }, source);
    expect(result.ok === true && result.case.fieldClasses['handler.name']).toBe('confidential');
  });
});
