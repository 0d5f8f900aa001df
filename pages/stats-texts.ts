/** The statistics page's texts: Swedish first, then English and Arabic. `{name}` marks a value. */
import type { Language } from './i18n.js';

type Text = { sv: string; en: string; ar: string };

export const STATS_TEXTS = {
  statsTitle: { sv: 'Statistik över frågor', en: 'Contact statistics', ar: 'إحصاءات الاستفسارات' },
  statsLead: {
    sv: 'Antal frågor till informationscentret, räknade i svensk tid. Siffrorna gäller frågor, inte personer, och visas även när de är få.',
    en: 'Questions to the information center, counted in Swedish time. The figures count questions, not people, and are shown even when small.',
    ar: 'عدد الأسئلة الموجهة إلى مركز المعلومات، محسوبة بالتوقيت السويدي. الأرقام تعد الأسئلة لا الأشخاص، وتُعرض حتى إن كانت صغيرة.',
  },
  filters: { sv: 'Urval', en: 'Selection', ar: 'التحديد' },
  period: { sv: 'Indelning', en: 'Breakdown', ar: 'التقسيم' },
  week: { sv: 'Vecka', en: 'Week', ar: 'أسبوع' },
  month: { sv: 'Månad', en: 'Month', ar: 'شهر' },
  from: { sv: 'Från och med', en: 'From', ar: 'من' },
  to: { sv: 'Till och med', en: 'To', ar: 'إلى' },
  show: { sv: 'Visa', en: 'Show', ar: 'عرض' },
  municipality: { sv: 'Kommun {code}', en: 'Municipality {code}', ar: 'البلدية {code}' },
  noMunicipalities: {
    sv: 'Du hanterar inte frågor för någon kommun, så det finns ingen statistik att visa.',
    en: 'You do not handle questions for any municipality, so there are no statistics to show.',
    ar: 'أنت لا تتعامل مع أسئلة أي بلدية، لذا لا توجد إحصاءات لعرضها.',
  },
  shareHandled: {
    sv: 'Andel av kommunens kontakter som centret hanterade',
    en: 'Share of the municipality’s contacts handled by the center',
    ar: 'نسبة اتصالات البلدية التي تولاها المركز',
  },
  shareHandledOf: {
    sv: '{n} av {total} kontakter',
    en: '{n} of {total} contacts',
    ar: '{n} من {total} اتصالاً',
  },
  shareUnknown: { sv: 'Okänd', en: 'Unknown', ar: 'غير معروفة' },
  shareUnknownWhy: {
    sv: 'Kommunens totala antal kontakter är inte registrerat för: {months}.',
    en: 'The municipality’s total contacts are not recorded for: {months}.',
    ar: 'إجمالي اتصالات البلدية غير مسجل للأشهر: {months}.',
  },
  shareAnswered: {
    sv: 'Andel som centret besvarade själv',
    en: 'Share answered by the center itself',
    ar: 'نسبة ما أجاب عنه المركز بنفسه',
  },
  shareAnsweredOf: {
    sv: '{n} av {total} frågor besvarade direkt',
    en: '{n} of {total} questions answered directly',
    ar: '{n} من {total} سؤالاً أُجيب عنها مباشرة',
  },
  noContacts: {
    sv: 'Inga frågor under perioden',
    en: 'No questions in the period',
    ar: 'لا أسئلة خلال الفترة',
  },
  chartContacts: { sv: 'Frågor per {period}', en: 'Questions per {period}', ar: 'الأسئلة لكل {period}' },
  chartDirect: {
    sv: 'Andel besvarade direkt per {period}',
    en: 'Share answered directly per {period}',
    ar: 'نسبة الإجابة المباشرة لكل {period}',
  },
  chartChannels: { sv: 'Frågor per kanal', en: 'Questions per channel', ar: 'الأسئلة حسب القناة' },
  chartDesc: {
    sv: 'Stapeldiagram. Samma siffror finns i tabellen bredvid.',
    en: 'Bar chart. The same figures are in the table beside it.',
    ar: 'مخطط أعمدة. الأرقام نفسها في الجدول المجاور.',
  },
  noData: { sv: 'Inga frågor att visa.', en: 'No questions to show.', ar: 'لا أسئلة لعرضها.' },
  count: { sv: 'Antal', en: 'Number', ar: 'العدد' },
  share: { sv: 'Andel', en: 'Share', ar: 'النسبة' },
  channel: { sv: 'Kanal', en: 'Channel', ar: 'القناة' },
  notRecorded: {
    sv: 'Försenade frågor och svar från kunskapsbanken registreras inte ännu; de visas inte som noll.',
    en: 'Overdue questions and answers from the knowledge base are not recorded yet; they are not shown as zero.',
    ar: 'الأسئلة المتأخرة والإجابات من قاعدة المعرفة لا تُسجل بعد؛ ولا تُعرض كصفر.',
  },
  downloadCsv: {
    sv: 'Ladda ner som CSV (för kalkylprogram)',
    en: 'Download as CSV (for spreadsheets)',
    ar: 'تنزيل بصيغة CSV (لبرامج الجداول)',
  },
  phone: { sv: 'Telefon', en: 'Phone', ar: 'هاتف' },
  email: { sv: 'E-post', en: 'E-mail', ar: 'بريد إلكتروني' },
  visit: { sv: 'Besök', en: 'Visit', ar: 'زيارة' },
  letter: { sv: 'Brev', en: 'Letter', ar: 'رسالة' },
  web: { sv: 'Webb', en: 'Web', ar: 'الويب' },
} as const satisfies Record<string, Text>;

export type StatsTextKey = keyof typeof STATS_TEXTS;

/** The statistics text in `lang`, with `{name}` placeholders filled from `values`. */
export function st(key: StatsTextKey, lang: Language, values: Record<string, string | number> = {}): string {
  return STATS_TEXTS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(values[name] ?? `{${name}}`),
  );
}
