import { describe, expect, it } from 'vitest';
import type { StatsReport } from '../../schemas/contact-stats.js';
import type { ContactTopics } from '../topic-schema.js';
import { CSV_BOM, csvCell, statsCsv } from './stats-csv.js';

const FIGURES = {
  contacts: 4,
  answeredDirectly: 1,
  answeredDirectlyShare: 0.25,
  forwarded: 1,
  referredElsewhere: 1,
  callbackPromised: 1,
  medianSecondsToAnswer: 90.5,
  p90SecondsToAnswer: null,
  overdue: 'not_recorded' as const,
  answeredFromKnowledge: 'not_recorded' as const,
};

/** A topics file whose label a careless (or hostile) editor wrote as a formula, with quotes and a comma. */
const topics: ContactTopics = new Map([
  [
    '2480',
    new Map([
      [
        'bygglov',
        {
          code: 'bygglov',
          label: { sv: '=HYPERLINK("http://x","Klicka, här")', en: 'x', ar: 'x' },
          serviceNorm: { default: { workingDays: 3 }, offices: {} },
        },
      ],
    ]),
  ],
]);

const report = (office: string | null): StatsReport => ({
  period: 'month',
  from: '2026-03-01',
  to: '2026-03-31',
  timeZone: 'Europe/Stockholm',
  channel: null,
  topic: null,
  municipalities: ['2480'],
  summary: [],
  totals: [],
  cells: [
    { municipality: '2480', period: '2026-03', channel: 'phone', topic: 'bygglov', office, ...FIGURES },
  ],
});

describe('statistics as CSV', () => {
  it('quotes per RFC 4180 and defuses every cell a spreadsheet would run as a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hej"')).toBe('"say ""hej"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    for (const lead of ['=', '+', '-', '@']) expect(csvCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it('writes a BOM, a Swedish header row and one CRLF-ended row per cell, pending figures as a state', () => {
    const csv = statsCsv(report(null), topics);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'Period,Kommun,Kanal,Ämne,Kontor,Kontakter,Besvarade direkt,Andel besvarade direkt (%),Vidarebefordrade,' +
        'Hänvisade till annan,Återuppringning utlovad,Mediantid till första svar (sekunder),' +
        '"90:e percentilen, tid till första svar (sekunder)",Försenade,Besvarade från kunskapsbanken',
    );
    expect(lines[1]).toBe(
      `2026-03,2480,Telefon,"'=HYPERLINK(""http://x"",""Klicka, här"")",Informationscentret,4,1,25.0,1,1,1,91,,` +
        'Registreras inte ännu,Registreras inte ännu',
    );
    expect(lines).toHaveLength(3);
  });

  it('defuses an office code that starts like a formula', () => {
    expect(statsCsv(report('-KC'), topics).split('\r\n')[1]).toContain(",'-KC,");
  });
});
