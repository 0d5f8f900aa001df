/** The one table of the case's field names in each language: headings, "hidden details", labels. */
import type { LocalizedText } from '../schemas/case.js';
import type { Language } from './i18n.js';

/** Names of the fields a view can hide, for the "hidden details" list. */
const FIELD_NAMES: Readonly<Record<string, LocalizedText>> = {
  office: { sv: 'Kontor', en: 'Office', ar: 'المكتب' },
  title: { sv: 'Ärendemening', en: 'Case title', ar: 'عنوان القضية' },
  status: { sv: 'Status', en: 'Status', ar: 'الحالة' },
  handler: { sv: 'Handläggare', en: 'Case officer', ar: 'الموظف المسؤول' },
  'handler.name': { sv: 'Handläggarens namn', en: 'Case officer’s name', ar: 'اسم الموظف المسؤول' },
  'handler.contact': {
    sv: 'Handläggarens kontaktuppgifter',
    en: 'Case officer’s contact',
    ar: 'بيانات تواصل الموظف',
  },
  documents: { sv: 'Handlingar', en: 'Documents', ar: 'المستندات' },
  parties: { sv: 'Parter', en: 'Parties', ar: 'الأطراف' },
  'parties.displayName': { sv: 'Parternas namn', en: 'Names of parties', ar: 'أسماء الأطراف' },
  property: { sv: 'Fastighet', en: 'Property', ar: 'العقار' },
  decision: { sv: 'Beslut', en: 'Decision', ar: 'القرار' },
  deadline: { sv: 'Handläggningstid', en: 'Time limit', ar: 'المهلة القانونية' },
  caseType: { sv: 'Ärendetyp', en: 'Case type', ar: 'نوع القضية' },
  awaiting: { sv: 'Vem vi väntar på', en: 'Who we are waiting for', ar: 'من ننتظر' },
  nextStep: { sv: 'Nästa steg', en: 'Next step', ar: 'الخطوة التالية' },
  receivedAt: { sv: 'Inkom', en: 'Received', ar: 'تاريخ الاستلام' },
  completeAt: { sv: 'Komplett', en: 'Complete', ar: 'تاريخ الاكتمال' },
  decidedAt: { sv: 'Beslutsdatum', en: 'Decision date', ar: 'تاريخ القرار' },
  closedAt: { sv: 'Avslutat', en: 'Closed', ar: 'تاريخ الإغلاق' },
  'handler.unit': { sv: 'Handläggarens enhet', en: 'Case officer’s unit', ar: 'وحدة الموظف المسؤول' },
  'property.address': { sv: 'Fastighetens adress', en: 'Property address', ar: 'عنوان العقار' },
  'parties.role': { sv: 'Parternas roller', en: 'Roles of parties', ar: 'أدوار الأطراف' },
};

/** A field's name by its path (`handler.name`); the path itself when the table has no name for it. */
export function fieldName(path: string, lang: Language): string {
  return FIELD_NAMES[path]?.[lang] ?? path;
}
