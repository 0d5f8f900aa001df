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
} as const;
