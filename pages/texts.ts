/** Every user-facing text of the pages: Swedish first, then English and Arabic. `{name}` marks a value. */
import { ADMIN_TEXTS } from './admin-texts.js';
import { CASE_GUIDE_TEXTS } from './case-guide-texts.js';
import { CITIZEN_TEXTS } from './citizen-texts.js';
import { CONTACT_TEXTS } from './contact-texts.js';
import { ERROR_TEXTS } from './error-texts.js';
import { KNOWLEDGE_TEXTS } from './knowledge-texts.js';
import { NOTIFICATION_TEXTS } from './notification-texts.js';
import { READER_TEXTS } from './reader-texts.js';
import { SIGN_IN_TEXTS } from './sign-in-texts.js';
import { STAFF_CONSOLE_TEXTS } from './staff-console-texts.js';
import { TASK_TEXTS } from './task-texts.js';

export const TEXTS = {
  // Frame
  skip: { sv: 'Hoppa till innehållet', en: 'Skip to content', ar: 'انتقل إلى المحتوى' },
  service: { sv: 'Ärendenav', en: 'Ärendenav', ar: 'Ärendenav' },
  language: { sv: 'Språk', en: 'Language', ar: 'اللغة' },
  account: { sv: 'Konto', en: 'Account', ar: 'الحساب' },
  signedInAs: { sv: 'Inloggad som {role}', en: 'Signed in as {role}', ar: 'تم تسجيل الدخول بصفة {role}' },
  signOut: { sv: 'Logga ut', en: 'Sign out', ar: 'تسجيل الخروج' },
  roleCitizen: { sv: 'invånare', en: 'resident', ar: 'مقيم' },
  roleInfocenter: { sv: 'kontaktcenter', en: 'contact centre', ar: 'مركز الاتصال' },
  roleOfficer: { sv: 'handläggare', en: 'case officer', ar: 'موظف معالجة' },
  roleAdmin: { sv: 'systemförvaltare', en: 'system owner', ar: 'مسؤول النظام' },

  // Start page
  tagline: {
    sv: 'Var är mitt ärende? Status för bygglov, skolplacering och socialtjänst på ett ställe.',
    en: 'Where is my case? Status of building permits, school placement and social services in one place.',
    ar: 'أين قضيتي؟ حالة تراخيص البناء والتسجيل المدرسي والخدمات الاجتماعية في مكان واحد.',
  },
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

  // Staff console
  staffTitle: { sv: 'Handläggarvy', en: 'Staff console', ar: 'واجهة الموظفين' },
  searchHeading: { sv: 'Sök ärende', en: 'Find a case', ar: 'البحث عن قضية' },
  searchLabel: { sv: 'Sök', en: 'Search', ar: 'بحث' },
  searchHint: {
    sv: 'Diarienummer (BN 2026-000123), personnummer (ÅÅÅÅMMDD-NNNN), organisationsnummer (NNNNNN-NNNN), fastighetsbeteckning (Tallen 4) eller namn.',
    en: 'Case number (BN 2026-000123), personal identity number (YYYYMMDD-NNNN), organisation number (NNNNNN-NNNN), property designation (Tallen 4) or name.',
    ar: 'رقم القضية (BN 2026-000123) أو الرقم الشخصي (YYYYMMDD-NNNN) أو رقم المنظمة (NNNNNN-NNNN) أو تسمية العقار (Tallen 4) أو الاسم.',
  },
  searchButton: { sv: 'Sök', en: 'Search', ar: 'بحث' },
  errorSummary: { sv: 'Det finns ett problem', en: 'There is a problem', ar: 'توجد مشكلة' },
  errorSearchEmpty: {
    sv: 'Skriv något att söka på.',
    en: 'Type something to search for.',
    ar: 'اكتب شيئاً للبحث عنه.',
  },
  errorSearchShort: {
    sv: 'Skriv minst två tecken.',
    en: 'Type at least two characters.',
    ar: 'اكتب حرفين على الأقل.',
  },
  errorSearchLong: {
    sv: 'Sökningen får vara högst 200 tecken.',
    en: 'The search may be at most 200 characters.',
    ar: 'يجب ألا يتجاوز البحث 200 حرف.',
  },
  errorSearchCharacters: {
    sv: 'Sökningen innehåller tecken som inte går att söka på (till exempel kontrolltecken). Skriv den igen.',
    en: 'The search holds characters that cannot be searched for (such as control characters). Type it again.',
    ar: 'يحتوي البحث على أحرف لا يمكن البحث عنها (مثل أحرف التحكم). اكتبه مرة أخرى.',
  },
  errorPersonnummer: {
    sv: 'Personnumret är inte giltigt. Kontrollera siffrorna (10 eller 12 siffror).',
    en: 'The personal identity number is not valid. Check the digits (10 or 12 digits).',
    ar: 'الرقم الشخصي غير صالح. تحقق من الأرقام (10 أو 12 رقماً).',
  },
  errorOrganisationsnummer: {
    sv: 'Organisationsnumret är inte giltigt. Kontrollera siffrorna (10 siffror, ev. med 16 före).',
    en: 'The organisation number is not valid. Check the digits (10 digits, optionally with 16 before).',
    ar: 'رقم المنظمة غير صالح. تحقق من الأرقام (10 أرقام، اختيارياً مع 16 قبلها).',
  },
  results: { sv: 'Sökresultat', en: 'Search results', ar: 'نتائج البحث' },
  searchedAs: { sv: 'Sökt som {kind}', en: 'Searched as {kind}', ar: 'تم البحث كـ {kind}' },
  kindReference: { sv: 'diarienummer', en: 'case number', ar: 'رقم القضية' },
  kindPersonRef: { sv: 'personnummer', en: 'personal identity number', ar: 'الرقم الشخصي' },
  kindOrgRef: { sv: 'organisationsnummer', en: 'organisation number', ar: 'رقم المنظمة' },
  kindProperty: { sv: 'fastighetsbeteckning', en: 'property designation', ar: 'تسمية العقار' },
  kindText: { sv: 'fritext', en: 'free text', ar: 'نص حر' },
  noResults: {
    sv: 'Inga ärenden hittades som du har behörighet att se.',
    en: 'No cases found that you are allowed to see.',
    ar: 'لم يتم العثور على قضايا يحق لك رؤيتها.',
  },
  sourcesHeading: { sv: 'Källsystem', en: 'Source systems', ar: 'الأنظمة المصدر' },
  sourcesIntro: {
    sv: 'När ett källsystem ligger efter kan uppgifterna här vara äldre än i kontorets eget system.',
    en: 'When a source system is behind, details here may be older than in the office’s own system.',
    ar: 'عندما يتأخر نظام مصدر، قد تكون البيانات هنا أقدم مما في نظام المكتب نفسه.',
  },
  sourceName: { sv: 'Källa', en: 'Source', ar: 'المصدر' },
  sourceLastSync: { sv: 'Senast hämtat', en: 'Last fetched', ar: 'آخر جلب' },
  sourceState: { sv: 'Läge', en: 'State', ar: 'الحالة' },
  sourceOk: { sv: 'I fas', en: 'Up to date', ar: 'محدّث' },
  sourceBehind: { sv: 'Ligger efter', en: 'Behind', ar: 'متأخر' },
  sourceFailing: { sv: 'Får inget svar', en: 'Not answering', ar: 'لا يستجيب' },
  sourceDisconnected: {
    sv: 'ingen förbindelse med meddelandeförmedlaren',
    en: 'no connection to the message broker',
    ar: 'لا يوجد اتصال بوسيط الرسائل',
  },
  sourceNever: { sv: 'Aldrig hämtat', en: 'Never fetched', ar: 'لم يُجلب قط' },
  noSources: {
    sv: 'Inga källsystem är anslutna.',
    en: 'No source systems are connected.',
    ar: 'لا توجد أنظمة مصدر متصلة.',
  },

  purposeLabel: { sv: 'Syfte (valfritt)', en: 'Purpose (optional)', ar: 'الغرض (اختياري)' },
  purposeNone: { sv: 'Inget angivet', en: 'None stated', ar: 'لم يُحدَّد' },
  // Case page
  caseNumber: { sv: 'Diarienummer', en: 'Case number', ar: 'رقم القضية' },
  statusHeading: { sv: 'Var står ärendet?', en: 'Where does the case stand?', ar: 'أين وصلت القضية؟' },
  statusSince: { sv: 'sedan {date}', en: 'since {date}', ar: 'منذ {date}' },
  awaitingHeading: { sv: 'Vem väntar vi på?', en: 'Who are we waiting for?', ar: 'من ننتظر؟' },
  awaitingApplicant: { sv: 'Den sökande', en: 'The applicant', ar: 'مقدم الطلب' },
  awaitingOffice: { sv: 'Kontoret', en: 'The office', ar: 'المكتب' },
  awaitingThirdParty: {
    sv: 'Någon annan (t.ex. remissinstans)',
    en: 'Someone else (e.g. a consulted body)',
    ar: 'جهة أخرى (مثل جهة استشارية)',
  },
  nextStepHeading: { sv: 'Nästa steg', en: 'Next step', ar: 'الخطوة التالية' },
  deadlineHeading: { sv: 'Handläggningstid', en: 'Time limit', ar: 'المهلة القانونية' },
  dueBy: { sv: 'Beslut senast {date}', en: 'Decision by {date}', ar: 'القرار بحلول {date}' },
  withinTime: { sv: 'Inom tiden', en: 'Within the limit', ar: 'ضمن المهلة' },
  extended: {
    sv: 'Tiden har förlängts en gång.',
    en: 'The time limit has been extended once.',
    ar: 'تم تمديد المهلة مرة واحدة.',
  },
  noDeadline: {
    sv: 'Ingen lagstadgad tidsgräns för det här ärendet.',
    en: 'No statutory time limit for this case.',
    ar: 'لا توجد مهلة قانونية لهذه القضية.',
  },
  decidedOn: { sv: 'Beslut {date}', en: 'Decided {date}', ar: 'صدر القرار في {date}' },
  documentsHeading: { sv: 'Inkomna handlingar', en: 'Documents received', ar: 'المستندات المستلمة' },
  noDocuments: {
    sv: 'Inga handlingar registrerade.',
    en: 'No documents registered.',
    ar: 'لا توجد مستندات مسجلة.',
  },
  contactHeading: { sv: 'Kontakt', en: 'Contact', ar: 'التواصل' },
  phone: { sv: 'Telefon', en: 'Phone', ar: 'الهاتف' },
  email: { sv: 'E-post', en: 'Email', ar: 'البريد الإلكتروني' },
  website: { sv: 'Webbplats', en: 'Website', ar: 'الموقع الإلكتروني' },
  freshnessHeading: { sv: 'Uppgifternas ålder', en: 'How current this is', ar: 'مدى حداثة البيانات' },
  fetchedAgo: {
    sv: 'Hämtat från {system} {ago}.',
    en: 'Fetched from {system} {ago}.',
    ar: 'تم الجلب من {system} {ago}.',
  },
  staleWarning: {
    sv: 'Uppgifterna kan vara inaktuella. Kontrollera i källsystemet vid behov.',
    en: 'The details may be out of date. Check the source system if needed.',
    ar: 'قد تكون البيانات قديمة. تحقق من النظام المصدر عند الحاجة.',
  },
  refreshNow: { sv: 'Hämta på nytt nu', en: 'Refresh now', ar: 'التحديث الآن' },
  refreshed: {
    sv: 'Ärendet är hämtat på nytt från källsystemet.',
    en: 'The case was fetched again from the source system.',
    ar: 'تم جلب القضية مجدداً من النظام المصدر.',
  },
  refreshFailed: {
    sv: 'Källsystemet svarade inte i tid. Du ser den sparade kopian.',
    en: 'The source system did not answer in time. You see the stored copy.',
    ar: 'لم يستجب النظام المصدر في الوقت المحدد. أنت ترى النسخة المحفوظة.',
  },
  maskedHeading: { sv: 'Dolda uppgifter', en: 'Hidden details', ar: 'بيانات مخفية' },
  masked: { sv: 'Dold', en: 'Hidden', ar: 'مخفي' },
  maskedProtected: {
    sv: 'skyddade personuppgifter',
    en: 'protected identity',
    ar: 'بيانات شخصية محمية',
  },
  maskedRole: {
    sv: 'sekretess, din roll får inte se uppgiften',
    en: 'confidential, your role may not see it',
    ar: 'سري، لا يحق لدورك رؤيته',
  },
  protectedParty: {
    sv: 'Person med skyddade personuppgifter',
    en: 'Person with protected identity',
    ar: 'شخص ذو بيانات محمية',
  },
  timelineHeading: { sv: 'Händelser', en: 'Timeline', ar: 'التسلسل الزمني' },
  noEvents: { sv: 'Inga händelser registrerade.', en: 'No events recorded.', ar: 'لا توجد أحداث مسجلة.' },
  backToSearch: { sv: 'Tillbaka till sökningen', en: 'Back to search', ar: 'العودة إلى البحث' },
  backToMyCases: { sv: 'Tillbaka till mina ärenden', en: 'Back to my cases', ar: 'العودة إلى قضاياي' },

  // Citizen
  myCasesIntro: {
    sv: 'Dina ärenden hos kommunens kontor, hämtade från kontorens egna system.',
    en: 'Your cases at the municipality’s offices, fetched from the offices’ own systems.',
    ar: 'قضاياك لدى مكاتب البلدية، مجلوبة من أنظمة المكاتب نفسها.',
  },
  ongoing: { sv: 'Pågående', en: 'Ongoing', ar: 'جارية' },
  finished: { sv: 'Avslutade', en: 'Closed', ar: 'منتهية' },
  noCases: {
    sv: 'Du har inga ärenden här.',
    en: 'You have no cases here.',
    ar: 'ليست لديك قضايا هنا.',
  },

  // Municipalities
  municipalityName: { sv: '{name} kommun', en: '{name} Municipality', ar: 'بلدية {name}' },
  contactMunicipality: {
    sv: 'Kontakta {name} kommun',
    en: 'Contact {name} Municipality',
    ar: 'تواصل مع بلدية {name}',
  },
  openingHours: { sv: 'Öppettider', en: 'Opening hours', ar: 'ساعات العمل' },
  notForRole: {
    sv: 'Din roll har inte tillgång till den här sidan.',
    en: 'Your role does not give access to this page.',
    ar: 'دورك لا يتيح الوصول إلى هذه الصفحة.',
  },

  crossSiteTitle: { sv: 'Öppna sidan?', en: 'Open the page?', ar: 'فتح الصفحة؟' },
  crossSiteText: {
    sv: 'Du kom hit från en annan webbplats. Uppgifterna visas, och varje visning loggas, först när du själv väljer att öppna sidan.',
    en: 'You came here from another website. The details are shown, and every showing is logged, only when you choose to open the page.',
    ar: 'وصلت إلى هنا من موقع آخر. لا تُعرض البيانات، ويُسجَّل كل عرض، إلا عندما تختار فتح الصفحة بنفسك.',
  },
  openPage: { sv: 'Öppna sidan', en: 'Open the page', ar: 'افتح الصفحة' },
  signInFailed: {
    sv: 'Inloggningen kunde inte slutföras. Försök igen.',
    en: 'The sign-in could not be completed. Try again.',
    ar: 'تعذّر إكمال تسجيل الدخول. حاول مرة أخرى.',
  },

  ...SIGN_IN_TEXTS,
  ...ERROR_TEXTS,
  ...READER_TEXTS,
  ...CONTACT_TEXTS,
  ...KNOWLEDGE_TEXTS,
  ...NOTIFICATION_TEXTS,
  ...TASK_TEXTS,
  ...CASE_GUIDE_TEXTS,
  ...CITIZEN_TEXTS,
  ...ADMIN_TEXTS,
  ...STAFF_CONSOLE_TEXTS,
} as const;
