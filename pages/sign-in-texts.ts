/** The texts of signing in (the demo's persona choice and the e-ID): Swedish first, then English and Arabic. */
export const SIGN_IN_TEXTS = {
  signIn: { sv: 'Logga in', en: 'Sign in', ar: 'تسجيل الدخول' },
  signInDemoIntro: {
    sv: 'Det här är en demonstration. Välj en testperson att logga in som. Alla uppgifter är påhittade och personnumren kommer från Skatteverkets testserie.',
    en: 'This is a demonstration. Choose a test persona to sign in as. All details are invented and the personal identity numbers come from the Swedish Tax Agency’s test series.',
    ar: 'هذا عرض توضيحي. اختر شخصية تجريبية لتسجيل الدخول. جميع البيانات خيالية والأرقام الشخصية من سلسلة الاختبار لدى مصلحة الضرائب السويدية.',
  },
  signInAs: { sv: 'Logga in som {name}', en: 'Sign in as {name}', ar: 'تسجيل الدخول باسم {name}' },
  signInEid: {
    sv: 'Logga in med e-legitimation',
    en: 'Sign in with e-ID',
    ar: 'تسجيل الدخول بالهوية الإلكترونية',
  },
  signInEidIntro: {
    sv: 'Du loggar in hos kommunens inloggningstjänst och kommer sedan tillbaka hit.',
    en: 'You sign in at the municipality’s sign-in service and then come back here.',
    ar: 'تسجّل الدخول لدى خدمة تسجيل الدخول في البلدية ثم تعود إلى هنا.',
  },
  signedIn: { sv: 'Du är inloggad', en: 'You are signed in', ar: 'لقد سجّلت الدخول' },
  continue: { sv: 'Fortsätt', en: 'Continue', ar: 'متابعة' },
  signedOut: { sv: 'Du är utloggad', en: 'You are signed out', ar: 'لقد سجّلت الخروج' },
  signedOutProvider: {
    sv: 'Du skickas vidare för att logga ut även från kommunens inloggningstjänst.',
    en: 'You are taken on to sign out of the municipality’s sign-in service as well.',
    ar: 'سيتم نقلك لتسجيل الخروج من خدمة تسجيل الدخول في البلدية أيضاً.',
  },
  signInUnavailable: {
    sv: 'Inloggning på de här sidorna görs med kommunens e-legitimation, som inte är ansluten på den här installationen ännu. Använd kommunens ordinarie e-tjänster.',
    en: 'Sign-in to these pages uses the municipality’s e-ID, which is not connected on this installation yet. Use the municipality’s regular e-services.',
    ar: 'يتم تسجيل الدخول إلى هذه الصفحات بالهوية الإلكترونية للبلدية، وهي غير متصلة في هذا التثبيت بعد. استخدم الخدمات الإلكترونية المعتادة للبلدية.',
  },
  signInNeeded: {
    sv: 'Du behöver logga in för att se den här sidan.',
    en: 'You need to sign in to see this page.',
    ar: 'يجب عليك تسجيل الدخول لرؤية هذه الصفحة.',
  },
} as const;
