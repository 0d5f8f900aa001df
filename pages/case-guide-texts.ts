/** The texts of a case's guide (issue 16): the process steps and the expected decision date. Swedish first, then English and Arabic. */
export const CASE_GUIDE_TEXTS = {
  processHeading: { sv: 'Så går ärendet till', en: 'How the case proceeds', ar: 'كيف تسير القضية' },
  youAreHere: { sv: 'Du är här', en: 'You are here', ar: 'أنت هنا' },
  caseIsHere: { sv: 'Ärendet är här', en: 'The case is here', ar: 'القضية هنا' },
  stepDone: { sv: '(klart)', en: '(done)', ar: '(تم)' },
  stepUpcoming: { sv: '(kommer)', en: '(to come)', ar: '(قادم)' },
  youDo: { sv: 'Du:', en: 'You:', ar: 'أنت:' },
  applicantDoes: { sv: 'Sökanden:', en: 'The applicant:', ar: 'مقدم الطلب:' },
  expectedHeading: { sv: 'Väntat beslut', en: 'Expected decision', ar: 'القرار المتوقع' },
  expectedLine: {
    sv: 'Ungefär {median}. 8 av 10 liknande ärenden avgörs senast {likelyBy}.',
    en: 'Around {median}. 8 out of 10 similar cases are decided by {likelyBy}.',
    ar: 'في حوالي {median}. يُبتّ في 8 من كل 10 قضايا مماثلة بحلول {likelyBy}.',
  },
  expectedBasis: {
    sv: 'Beräknat på {cases} ärenden av samma slag som kommunen beslutade {from}–{to}: hälften tog högst {median} dagar från att de kom in, 8 av 10 högst {p80} dagar. Det är en erfarenhet, inget löfte, och ersätter inte den lagstadgade tiden.',
    en: 'Based on {cases} cases of the same kind the municipality decided {from}–{to}: half took at most {median} days from arrival, 8 out of 10 at most {p80} days. It is experience, not a promise, and does not replace the statutory time limit.',
    ar: 'محسوب على أساس {cases} قضية من النوع نفسه بتّت فيها البلدية بين {from} و{to}: استغرق نصفها {median} يوماً على الأكثر منذ استلامها، و8 من كل 10 استغرقت {p80} يوماً على الأكثر. إنها خبرة وليست وعداً، ولا تحل محل المهلة القانونية.',
  },
} as const;
