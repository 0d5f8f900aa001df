/** A citizen's notification choice (issue 15): how to be told that one of their cases changed, and in which language. */

export const NOTIFICATION_CHANNELS = ['email', 'digital_mail', 'none'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** The channels that send something. */
export type SendingChannel = Exclude<NotificationChannel, 'none'>;

export const NOTIFICATION_LANGUAGES = ['sv', 'en', 'ar'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** The changes a citizen is told about: something is asked of them, a decision, a deadline passed. */
export const NOTIFICATION_TRIGGERS = ['action_required', 'decision', 'deadline_passed'] as const;
export type NotificationTrigger = (typeof NOTIFICATION_TRIGGERS)[number];

/** A choice as the citizen sees it: the address in clear only to them, on their own page. */
export type NotificationChoice =
  | { channel: 'email'; language: NotificationLanguage; email: string }
  | { channel: 'digital_mail'; language: NotificationLanguage }
  | { channel: 'none'; language: NotificationLanguage };
