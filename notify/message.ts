/**
 * The message a citizen gets (issue 15), in their language: a greeting, that something changed in one
 * of their cases at a municipality, and where to sign in. Never a case reference, title, status, name
 * or anything else from the case: a mailbox is not a place for case contents.
 */
import { createHash } from 'node:crypto';
import type { NotificationLanguage } from '../schemas/notification.js';
import type { NotificationKey } from '../store/citizen-notifications.js';

export type CitizenMessage = { subject: string; text: string; language: NotificationLanguage };

const TEXTS: Record<
  NotificationLanguage,
  { subject: string; greeting: string; changed: string; signIn: string; why: string; noReply: string }
> = {
  sv: {
    subject: 'Något har ändrats i ett av dina ärenden',
    greeting: 'Hej!',
    changed: 'Något har ändrats i ett av dina ärenden hos {municipality}.',
    signIn: 'Logga in på Mina ärenden med e-legitimation för att se vad:',
    why: 'Du får det här meddelandet för att du har valt aviseringar på Mina ärenden. Där kan du också ändra eller stänga av dem.',
    noReply: 'Det här meddelandet går inte att svara på.',
  },
  en: {
    subject: 'Something has changed in one of your cases',
    greeting: 'Hello,',
    changed: 'Something has changed in one of your cases at {municipality}.',
    signIn: 'Sign in to Mina ärenden (My cases) with your e-ID to see what:',
    why: 'You get this message because you chose notifications on Mina ärenden. You can change or turn them off there.',
    noReply: 'Replies to this message are not read.',
  },
  ar: {
    subject: 'حدث تغيير في إحدى قضاياك',
    greeting: 'مرحبًا،',
    changed: 'حدث تغيير في إحدى قضاياك لدى {municipality}.',
    signIn: 'سجّل الدخول إلى Mina ärenden (قضاياي) بالهوية الإلكترونية لترى ما الذي تغيّر:',
    why: 'تصلك هذه الرسالة لأنك اخترت الإشعارات في Mina ärenden. يمكنك تغييرها أو إيقافها هناك.',
    noReply: 'لا يمكن الرد على هذه الرسالة.',
  },
};

/** "Umeå kommun", "Umeå Municipality", "بلدية Umeå" (as the pages name it). */
const MUNICIPALITY: Record<NotificationLanguage, string> = {
  sv: '{name} kommun',
  en: '{name} Municipality',
  ar: 'بلدية {name}',
};

/**
 * @example
 * citizenMessage('sv', { municipality: 'Umeå', link: 'https://arenden.umea.se/mina-arenden?lang=sv' });
 */
export function citizenMessage(
  language: NotificationLanguage,
  where: { municipality: string; link: string },
): CitizenMessage {
  const x = TEXTS[language];
  const municipality = MUNICIPALITY[language].replace('{name}', where.municipality);
  return {
    language,
    subject: x.subject,
    text: [
      x.greeting,
      '',
      x.changed.replace('{municipality}', municipality),
      '',
      x.signIn,
      where.link,
      '',
      x.why,
      x.noReply,
    ].join('\n'),
  };
}

/** The link in the message: Mina ärenden in the citizen's language. */
export function signInLink(publicUrl: string, language: NotificationLanguage): string {
  return new URL(`/mina-arenden?lang=${language}`, publicUrl).toString();
}

/**
 * A stable id of one change's message to one person: the same on every retry (the e-mail's Message-ID,
 * the digital mail's id), so a receiving side that sees it twice can tell. Reveals nothing of the key.
 */
export function messageIdOf(key: NotificationKey): string {
  return createHash('sha256')
    .update(JSON.stringify([key.caseId, key.trigger, key.changeAt, key.personRef]))
    .digest('hex')
    .slice(0, 40);
}
