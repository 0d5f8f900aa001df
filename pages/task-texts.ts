/** The texts of forwarding and of the officers' task pages (issue 14 item 2): Swedish first, then English and Arabic. */
export const TASK_TEXTS = {
  navMyTasks: { sv: 'Mina uppgifter', en: 'My tasks', ar: 'مهامي' },

  // Forwarding, on a contact's page
  forwardHeading: { sv: 'Vidarebefordra', en: 'Forward', ar: 'إحالة' },
  forwardIntro: {
    sv: 'Frågan blir en uppgift för kontoret. Den är fortfarande din tills du avslutar den.',
    en: 'The question becomes a task for the office. It stays yours until you close it.',
    ar: 'يصبح السؤال مهمة للمكتب. ويبقى مسؤوليتك حتى تغلقه.',
  },
  forwardOffice: { sv: 'Kontor', en: 'Office', ar: 'المكتب' },
  forwardOfficer: {
    sv: 'Namngiven handläggare (valfritt)',
    en: 'Named officer (optional)',
    ar: 'موظف محدد (اختياري)',
  },
  forwardOfficerHint: {
    sv: 'Handläggarens inloggnings-id, aldrig ett personnummer.',
    en: 'The officer’s sign-in id, never a personal identity number.',
    ar: 'معرّف تسجيل دخول الموظف، وليس رقماً شخصياً أبداً.',
  },
  forwardNote: {
    sv: 'Vad kontoret ska ta reda på',
    en: 'What the office should find out',
    ar: 'ما يجب على المكتب معرفته',
  },
  forwardSubmit: { sv: 'Vidarebefordra frågan', en: 'Forward the question', ar: 'إحالة السؤال' },
  forwardedNotice: {
    sv: 'Frågan är vidarebefordrad. Kontoret ser den under Mina uppgifter.',
    en: 'The question is forwarded. The office sees it under My tasks.',
    ar: 'تمت إحالة السؤال. يراه المكتب ضمن مهامي.',
  },
  errorForwardOffice: {
    sv: 'Välj ett av kommunens kontor.',
    en: 'Choose one of the municipality’s offices.',
    ar: 'اختر أحد مكاتب البلدية.',
  },
  errorForwardOfficer: {
    sv: 'Ange handläggarens inloggnings-id (högst 200 tecken), inte ett personnummer.',
    en: 'Give the officer’s sign-in id (at most 200 characters), not a personal identity number.',
    ar: 'أدخل معرّف تسجيل دخول الموظف (200 حرف كحد أقصى)، وليس رقماً شخصياً.',
  },
  errorForwardNote: {
    sv: 'Skriv vad kontoret ska ta reda på.',
    en: 'Write what the office should find out.',
    ar: 'اكتب ما يجب على المكتب معرفته.',
  },

  // Tasks, on a contact and in lists
  tasksHeading: { sv: 'Uppgifter hos kontor', en: 'Tasks at offices', ar: 'المهام لدى المكاتب' },
  taskOffice: { sv: 'Kontor', en: 'Office', ar: 'المكتب' },
  taskOfficer: { sv: 'Handläggare', en: 'Officer', ar: 'الموظف' },
  taskDue: { sv: 'Ska besvaras senast {date}', en: 'Due by {date}', ar: 'يجب الرد قبل {date}' },
  taskOverdue: { sv: 'Försenad', en: 'Overdue', ar: 'متأخرة' },
  taskStatus: { sv: 'Läge', en: 'Status', ar: 'الحالة' },
  taskOpen: { sv: 'Väntar på svar', en: 'Awaiting an answer', ar: 'بانتظار الرد' },
  taskAnswered: { sv: 'Besvarad', en: 'Answered', ar: 'تمت الإجابة' },
  taskClosed: {
    sv: 'Stängd (frågan avslutades innan kontoret svarade)',
    en: 'Closed (the question was closed before the office answered)',
    ar: 'مغلقة (أُغلق السؤال قبل أن يجيب المكتب)',
  },
  taskNote: { sv: 'Till kontoret', en: 'To the office', ar: 'إلى المكتب' },
  taskAnswer: { sv: 'Kontorets svar', en: 'The office’s answer', ar: 'إجابة المكتب' },
  taskAnsweredAt: { sv: 'Besvarad {date}', en: 'Answered {date}', ar: 'أُجيب عليها في {date}' },
  taskLatest: { sv: 'Vidarebefordrad till {office}', en: 'Forwarded to {office}', ar: 'أُحيل إلى {office}' },

  // The officers' pages
  tasksIntro: {
    sv: 'Frågor som kontaktcenter har skickat till ert kontor. Öppna först, de försenade överst.',
    en: 'Questions the contact centre forwarded to your office. Open ones first, overdue at the top.',
    ar: 'أسئلة أحالها مركز الاتصال إلى مكتبكم. المفتوحة أولاً، والمتأخرة في الأعلى.',
  },
  tasksCount: { sv: 'Antal uppgifter: {n}', en: 'Tasks: {n}', ar: 'عدد المهام: {n}' },
  tasksNone: {
    sv: 'Ert kontor har inga uppgifter.',
    en: 'Your office has no tasks.',
    ar: 'ليس لدى مكتبكم أي مهام.',
  },
  taskTitle: { sv: 'Uppgift: {topic}', en: 'Task: {topic}', ar: 'مهمة: {topic}' },
  taskBack: { sv: 'Tillbaka till mina uppgifter', en: 'Back to my tasks', ar: 'العودة إلى مهامي' },
  taskTopic: { sv: 'Ämne', en: 'Topic', ar: 'الموضوع' },
  taskQuestion: { sv: 'Frågan som ställdes', en: 'The question asked', ar: 'السؤال المطروح' },
  taskAnswerHeading: {
    sv: 'Svara kontaktcenter',
    en: 'Answer the contact centre',
    ar: 'الرد على مركز الاتصال',
  },
  taskAnswerHint: {
    sv: 'Svaret går till kontaktcenter, som ger det till den som frågade.',
    en: 'The answer goes to the contact centre, which gives it to the person who asked.',
    ar: 'تذهب الإجابة إلى مركز الاتصال الذي يبلغها للسائل.',
  },
  taskSend: { sv: 'Skicka svaret', en: 'Send the answer', ar: 'إرسال الإجابة' },
  taskAnsweredNotice: {
    sv: 'Svaret är skickat till kontaktcenter.',
    en: 'The answer is sent to the contact centre.',
    ar: 'تم إرسال الإجابة إلى مركز الاتصال.',
  },
  taskChangedNotice: {
    sv: 'Uppgiften var redan besvarad eller stängd, så ditt svar sparades inte. Se läget nedan.',
    en: 'The task had already been answered or closed, so your answer was not saved. See where it stands below.',
    ar: 'كانت المهمة قد أُجيب عليها أو أُغلقت بالفعل، لذلك لم تُحفظ إجابتك. انظر حالتها أدناه.',
  },
  errorTaskAnswer: {
    sv: 'Skriv ett svar (högst 4000 tecken).',
    en: 'Write an answer (at most 4000 characters).',
    ar: 'اكتب إجابة (4000 حرف كحد أقصى).',
  },

  // Office names the default policy's codes stand for; other codes are shown as they are.
  officeBN: { sv: 'Byggnadsnämnden', en: 'Building committee', ar: 'لجنة البناء' },
  officeMBN: {
    sv: 'Miljö- och byggnadsnämnden',
    en: 'Environment and building committee',
    ar: 'لجنة البيئة والبناء',
  },
  officeBUN: {
    sv: 'Barn- och utbildningsnämnden',
    en: 'Children and education committee',
    ar: 'لجنة الأطفال والتعليم',
  },
  officeSN: { sv: 'Socialnämnden', en: 'Social services committee', ar: 'لجنة الخدمات الاجتماعية' },
} as const;
