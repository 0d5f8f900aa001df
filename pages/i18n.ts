/** User-facing texts of the pages: Swedish first, English and Arabic; the language comes from ?lang= or sv. */
export const LANGUAGES = ['sv', 'en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export function languageOf(value: string | undefined): Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : 'sv';
}

export const DIRECTION: Record<Language, 'ltr' | 'rtl'> = { sv: 'ltr', en: 'ltr', ar: 'rtl' };

export const LANGUAGE_NAMES: Record<Language, string> = { sv: 'Svenska', en: 'English', ar: 'العربية' };

const TEXTS = {
  skip: { sv: 'Hoppa till innehållet', en: 'Skip to content', ar: 'انتقل إلى المحتوى' },
  service: { sv: 'Ärendenav', en: 'Ärendenav', ar: 'Ärendenav' },
  tagline: {
    sv: 'Var är mitt ärende? Status för bygglov, skolplacering och socialtjänst på ett ställe.',
    en: 'Where is my case? Status of building permits, school placement and social services in one place.',
    ar: 'أين قضيتي؟ حالة تراخيص البناء والتسجيل المدرسي والخدمات الاجتماعية في مكان واحد.',
  },
  language: { sv: 'Språk', en: 'Language', ar: 'اللغة' },
  forCitizens: { sv: 'För dig som invånare', en: 'For residents', ar: 'للمقيمين' },
  citizensText: {
    sv: 'Logga in med e-legitimation och följ dina egna ärenden hos kommunens kontor.',
    en: 'Sign in with e-ID and follow your own cases at the municipality’s offices.',
    ar: 'سجّل الدخول بالهوية الإلكترونية وتابع قضاياك لدى مكاتب البلدية.',
  },
  myCases: { sv: 'Mina ärenden', en: 'My cases', ar: 'قضاياي' },
  forStaff: {
    sv: 'För kontaktcenter och handläggare',
    en: 'For contact centre and case officers',
    ar: 'لمركز الاتصال والموظفين',
  },
  staffText: {
    sv: 'Sök på diarienummer, personnummer, fastighetsbeteckning eller namn och svara på var ärendet står.',
    en: 'Search by case number, personal identity number, property designation or name and tell where the case stands.',
    ar: 'ابحث برقم القضية أو الرقم الشخصي أو تسمية العقار أو الاسم وأخبر بمكان القضية.',
  },
  staffConsole: { sv: 'Till handläggarvyn', en: 'To the staff console', ar: 'إلى واجهة الموظفين' },
  privacy: {
    sv: 'Sekretessbelagda uppgifter visas bara för den som får se dem, och varje läsning loggas.',
    en: 'Confidential details are shown only to those allowed to see them, and every read is logged.',
    ar: 'لا تُعرض البيانات السرية إلا لمن يحق له رؤيتها، ويتم تسجيل كل قراءة.',
  },
  apiDocs: { sv: 'API-dokumentation', en: 'API documentation', ar: 'توثيق واجهة البرمجة' },
} as const satisfies Record<string, Record<Language, string>>;

export type TextKey = keyof typeof TEXTS;

export function t(key: TextKey, lang: Language): string {
  return TEXTS[key][lang];
}
