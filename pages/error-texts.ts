/** The pages' texts for errors and refusals: Swedish first, then English and Arabic. */
export const ERROR_TEXTS = {
  badRequest: {
    sv: 'Tjänsten kunde inte ta emot det som skickades. Gå tillbaka och försök igen.',
    en: 'The service could not accept what was sent. Go back and try again.',
    ar: 'تعذّر على الخدمة قبول ما تم إرساله. ارجع وحاول مرة أخرى.',
  },
  errorTitle: { sv: 'Något gick fel', en: 'Something went wrong', ar: 'حدث خطأ ما' },
  notFound: {
    sv: 'Sidan eller ärendet finns inte, eller så får du inte se det.',
    en: 'The page or case does not exist, or you may not see it.',
    ar: 'الصفحة أو القضية غير موجودة، أو لا يحق لك رؤيتها.',
  },
  formExpired: {
    sv: 'Formuläret har gått ut. Gå tillbaka, ladda om sidan och försök igen.',
    en: 'The form has expired. Go back, reload the page and try again.',
    ar: 'انتهت صلاحية النموذج. ارجع وأعد تحميل الصفحة وحاول مرة أخرى.',
  },
  rateLimited: {
    sv: 'För många försök. Vänta en minut och försök igen.',
    en: 'Too many attempts. Wait a minute and try again.',
    ar: 'محاولات كثيرة جداً. انتظر دقيقة وحاول مرة أخرى.',
  },
  unavailable: {
    sv: 'Tjänsten kan inte visa uppgifterna just nu. Försök igen om en stund.',
    en: 'The service cannot show the details right now. Try again shortly.',
    ar: 'لا يمكن للخدمة عرض البيانات الآن. حاول مرة أخرى بعد قليل.',
  },
  internalError: {
    sv: 'Ett oväntat fel inträffade hos oss. Försök igen.',
    en: 'An unexpected error happened on our side. Try again.',
    ar: 'حدث خطأ غير متوقع من جانبنا. حاول مرة أخرى.',
  },
  requestRef: { sv: 'Felreferens: {id}', en: 'Error reference: {id}', ar: 'مرجع الخطأ: {id}' },
  toStart: { sv: 'Till startsidan', en: 'To the start page', ar: 'إلى الصفحة الرئيسية' },
} as const;
