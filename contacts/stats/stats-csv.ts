/**
 * The statistics as CSV for a spreadsheet: RFC 4180 (comma, CRLF, quotes doubled), a header row of
 * Swedish column names, UTF-8 with a byte-order mark so Excel reads å, ä, ö; a cell that a spreadsheet
 * would run as a formula (starting with = + - @, or a tab or carriage return) is prefixed with '.
 */
import type { StatsReport } from '../../schemas/contact-stats.js';
import type { ContactTopics } from '../topic-schema.js';

export const CSV_BOM = '\uFEFF';

const CHANNEL_SV: Record<string, string> = {
  phone: 'Telefon',
  email: 'E-post',
  visit: 'Besök',
  letter: 'Brev',
  web: 'Webb',
};

/** The center itself, in the office column. */
export const CENTER_SV = 'Informationscentret';
export const NOT_RECORDED_SV = 'Registreras inte ännu';

const HEADER = [
  'Period',
  'Kommun',
  'Kanal',
  'Ämne',
  'Kontor',
  'Kontakter',
  'Besvarade direkt',
  'Andel besvarade direkt (%)',
  'Vidarebefordrade',
  'Hänvisade till annan',
  'Återuppringning utlovad',
  'Mediantid till första svar (sekunder)',
  '90:e percentilen, tid till första svar (sekunder)',
  'Försenade',
  'Besvarade från kunskapsbanken',
];

/** One cell, safe for a spreadsheet and quoted per RFC 4180 when it needs to be. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const percent = (share: number | null) => (share === null ? '' : (Math.round(share * 1000) / 10).toFixed(1));
const seconds = (s: number | null) => (s === null ? '' : Math.round(s));
const maybe = (v: number | 'not_recorded') => (v === 'not_recorded' ? NOT_RECORDED_SV : v);

/**
 * @example
 * c.body(statsCsv(report, topics), 200, { 'content-type': 'text/csv; charset=utf-8' });
 */
export function statsCsv(report: StatsReport, topics: ContactTopics): string {
  const lines = [
    HEADER,
    ...report.cells.map((c) => [
      c.period,
      c.municipality,
      CHANNEL_SV[c.channel] ?? c.channel,
      topics.get(c.municipality)?.get(c.topic)?.label.sv ?? c.topic,
      c.office ?? CENTER_SV,
      c.contacts,
      c.answeredDirectly,
      percent(c.answeredDirectlyShare),
      c.forwarded,
      c.referredElsewhere,
      c.callbackPromised,
      seconds(c.medianSecondsToAnswer),
      seconds(c.p90SecondsToAnswer),
      maybe(c.overdue),
      maybe(c.answeredFromKnowledge),
    ]),
  ];
  return CSV_BOM + lines.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
