/** Texts of the citizen's pages (Mina ärenden and a resident's case page), Swedish first. */
export const CITIZEN_TEXTS = {
  fetchedAgoCitizen: {
    sv: 'Uppdaterat från kontorets ärendesystem {ago}.',
    en: 'Updated from the office’s case system {ago}.',
    ar: 'تم التحديث من نظام القضايا لدى المكتب {ago}.',
  },
  staleWarningCitizen: {
    sv: 'Uppgifterna kan vara inaktuella. Kontakta kontoret om du är osäker.',
    en: 'The details may be out of date. Contact the office if you are unsure.',
    ar: 'قد تكون البيانات قديمة. تواصل مع المكتب إذا لم تكن متأكداً.',
  },
  ongoingCases: { sv: 'Pågående ärenden', en: 'Ongoing cases', ar: 'القضايا الجارية' },
  finishedCases: { sv: 'Avslutade ärenden', en: 'Closed cases', ar: 'القضايا المنتهية' },
  noOngoing: {
    sv: 'Du har inga pågående ärenden.',
    en: 'You have no ongoing cases.',
    ar: 'ليست لديك قضايا جارية.',
  },
  noFinished: {
    sv: 'Du har inga avslutade ärenden.',
    en: 'You have no closed cases.',
    ar: 'ليست لديك قضايا منتهية.',
  },
  moreOngoing: {
    sv: 'Visa fler pågående ärenden',
    en: 'Show more ongoing cases',
    ar: 'عرض المزيد من القضايا الجارية',
  },
  moreFinished: {
    sv: 'Visa fler avslutade ärenden',
    en: 'Show more closed cases',
    ar: 'عرض المزيد من القضايا المنتهية',
  },
  backToFirstPage: {
    sv: 'Tillbaka till början av mina ärenden',
    en: 'Back to the start of my cases',
    ar: 'العودة إلى بداية قضاياي',
  },
} as const;
