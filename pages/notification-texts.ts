/** Texts of the citizen's notification page on Mina ärenden (issue 15): Swedish first, then English and Arabic. */
export const NOTIFICATION_TEXTS = {
  notifyTitle: { sv: 'Aviseringar', en: 'Notifications', ar: 'الإشعارات' },
  notifyLink: {
    sv: 'Aviseringar: välj hur du vill få veta när något händer i dina ärenden',
    en: 'Notifications: choose how to be told when something happens in your cases',
    ar: 'الإشعارات: اختر كيف تريد أن تُبلَّغ عندما يحدث شيء في قضاياك',
  },
  notifyIntro: {
    sv: 'Vi kan meddela dig när kommunen väntar på något från dig, när ett beslut har fattats och när en tidsfrist har passerats. Meddelandet säger bara att något har ändrats och var du loggar in – inget om själva ärendet.',
    en: 'We can tell you when the municipality is waiting for something from you, when a decision has been made and when a deadline has passed. The message only says that something has changed and where to sign in – nothing about the case itself.',
    ar: 'يمكننا إبلاغك عندما تنتظر البلدية شيئًا منك، وعندما يُتخذ قرار، وعندما يمر موعد نهائي. الرسالة تقول فقط إن شيئًا ما قد تغيّر وأين تسجّل الدخول – لا شيء عن القضية نفسها.',
  },
  notifyQuiet: {
    sv: 'Vi skickar inga meddelanden mellan {start} och {end}; det som händer då får du när den tiden är slut.',
    en: 'We send no messages between {start} and {end}; what happens then reaches you when that time is over.',
    ar: 'لا نرسل رسائل بين الساعة {start} و{end}؛ ما يحدث في ذلك الوقت يصلك عند انتهائه.',
  },
  notifyChannel: {
    sv: 'Hur vill du få aviseringar?',
    en: 'How do you want to be notified?',
    ar: 'كيف تريد أن تصلك الإشعارات؟',
  },
  notifyEmail: { sv: 'E-post', en: 'E-mail', ar: 'البريد الإلكتروني' },
  notifyDigitalMail: {
    sv: 'Digital brevlåda (Mina meddelanden, till exempel Kivra)',
    en: 'Digital mailbox (Mina meddelanden, for example Kivra)',
    ar: 'صندوق البريد الرقمي (Mina meddelanden، مثل Kivra)',
  },
  notifyDigitalMailHint: {
    sv: 'Meddelandet skickas till den digitala brevlåda som är kopplad till ditt personnummer.',
    en: 'The message goes to the digital mailbox linked to your personal identity number.',
    ar: 'تُرسل الرسالة إلى صندوق البريد الرقمي المرتبط برقمك الشخصي.',
  },
  notifyNone: { sv: 'Inga aviseringar', en: 'No notifications', ar: 'بدون إشعارات' },
  notifyEmailAddress: { sv: 'E-postadress', en: 'E-mail address', ar: 'عنوان البريد الإلكتروني' },
  notifyEmailHint: {
    sv: 'Används bara för aviseringarna. Fyll i om du valt e-post.',
    en: 'Used only for the notifications. Fill in if you chose e-mail.',
    ar: 'يُستخدم للإشعارات فقط. املأه إذا اخترت البريد الإلكتروني.',
  },
  notifyLanguage: { sv: 'Språk i meddelandet', en: 'Language of the message', ar: 'لغة الرسالة' },
  notifyProtected: {
    sv: 'Har du skyddade personuppgifter? Då skickar vi aviseringar bara till din digitala brevlåda, aldrig med e-post.',
    en: 'Do you have protected personal data? Then we send notifications only to your digital mailbox, never by e-mail.',
    ar: 'هل لديك بيانات شخصية محمية؟ عندها نرسل الإشعارات إلى صندوق بريدك الرقمي فقط، وليس بالبريد الإلكتروني أبدًا.',
  },
  notifySave: { sv: 'Spara', en: 'Save', ar: 'حفظ' },
  notifySaved: { sv: 'Dina val är sparade.', en: 'Your choices are saved.', ar: 'تم حفظ اختياراتك.' },
  notifyCurrentNone: {
    sv: 'Du har inte valt aviseringar ännu.',
    en: 'You have not chosen notifications yet.',
    ar: 'لم تختر الإشعارات بعد.',
  },
  errorNotifyEmailMissing: {
    sv: 'Skriv den e-postadress aviseringarna ska gå till.',
    en: 'Enter the e-mail address the notifications should go to.',
    ar: 'اكتب عنوان البريد الإلكتروني الذي تُرسل إليه الإشعارات.',
  },
  errorNotifyEmailInvalid: {
    sv: 'Skriv e-postadressen som namn@exempel.se.',
    en: 'Enter the e-mail address as name@example.com.',
    ar: 'اكتب عنوان البريد الإلكتروني بالشكل name@example.com.',
  },
  errorNotifyChannel: {
    sv: 'Välj hur du vill få aviseringar.',
    en: 'Choose how you want to be notified.',
    ar: 'اختر كيف تريد أن تصلك الإشعارات.',
  },
  errorNotifyIdentity: {
    sv: 'Din inloggning saknar personnummer, så vi kan inte nå din digitala brevlåda. Välj e-post eller logga in med e-legitimation igen.',
    en: 'Your sign-in carries no personal identity number, so we cannot reach your digital mailbox. Choose e-mail, or sign in again with your e-ID.',
    ar: 'تسجيل دخولك لا يحمل رقمًا شخصيًا، لذلك لا يمكننا الوصول إلى صندوق بريدك الرقمي. اختر البريد الإلكتروني أو سجّل الدخول مجددًا بالهوية الإلكترونية.',
  },
  errorNotifyLanguage: { sv: 'Välj ett språk.', en: 'Choose a language.', ar: 'اختر لغة.' },
} as const;
