/** What each case domain is called on a resident's page, in plain words; a domain the hub does not know is "other cases". */
import type { LocalizedText } from '../schemas/case.js';
import type { Language } from './i18n.js';

const DOMAIN_LABELS: Readonly<Record<string, LocalizedText>> = {
  building_permit: {
    sv: 'Bygglov och anmälan',
    en: 'Building permits and notifications',
    ar: 'رخص البناء والإشعارات',
  },
  school_placement: { sv: 'Förskola och skola', en: 'Preschool and school', ar: 'الروضة والمدرسة' },
  social_services: { sv: 'Socialtjänst', en: 'Social services', ar: 'الخدمات الاجتماعية' },
};
const OTHER: LocalizedText = { sv: 'Övriga ärenden', en: 'Other cases', ar: 'قضايا أخرى' };

/** "Bygglov och anmälan", "Preschool and school", "قضايا أخرى". */
export function domainLabel(domain: string, lang: Language): string {
  return (DOMAIN_LABELS[domain] ?? OTHER)[lang];
}
