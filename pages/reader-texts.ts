/** The pages' texts for "who read my case": Swedish first, then English and Arabic. */
export const READER_TEXTS = {
  readersHeading: {
    sv: 'Vem har läst ärendet?',
    en: 'Who has read this case?',
    ar: 'من اطّلع على هذه القضية؟',
  },
  readersIntro: {
    sv: 'Personal hos kommunerna som har öppnat ärendet här, senaste först. Dina egna visningar räknas inte.',
    en: 'Staff at the municipalities who have opened this case here, newest first. Your own views are not counted.',
    ar: 'موظفو البلديات الذين فتحوا هذه القضية هنا، الأحدث أولاً. لا تُحتسب مشاهداتك أنت.',
  },
  readersNone: {
    sv: 'Ingen personal har läst ärendet här.',
    en: 'No staff have read this case here.',
    ar: 'لم يطّلع أي موظف على هذه القضية هنا.',
  },
  readersWhen: { sv: 'När', en: 'When', ar: 'متى' },
  readersOrganisation: { sv: 'Organisation', en: 'Organisation', ar: 'الجهة' },
  readersOffice: { sv: 'Kontor eller enhet', en: 'Office or unit', ar: 'المكتب أو الوحدة' },
  readersRole: { sv: 'Roll', en: 'Role', ar: 'الدور' },
  readersName: { sv: 'Namn', en: 'Name', ar: 'الاسم' },
  readersUnknown: { sv: 'Okänd', en: 'Unknown', ar: 'غير معروف' },
  readersMore: { sv: 'Visa fler', en: 'Show more', ar: 'عرض المزيد' },
} as const;
