/**
 * A citizen's own notification choice (issue 15), read and saved on Mina ärenden: the channel, the
 * language, and the address the channel needs, sealed under its own key. Every read and save is audited.
 */
import { z } from 'zod';
import { recordRead } from '../cases/audit-entry.js';
import type { Caller } from '../cases/read-context.js';
import type { SealedBox } from '../person/sealed-box.js';
import type {
  NotificationChannel,
  NotificationChoice,
  NotificationLanguage,
  SendingChannel,
} from '../schemas/notification.js';
import type { AuditLog } from '../store/audit-log.js';
import type { Db } from '../store/db.js';
import { choicesOf, saveChoice } from '../store/notification-choices.js';

/** The sealed boxes' purposes: each kind of data its own key. */
export const EMAIL_BOX_PURPOSE = 'notification e-mail';
export const MAILBOX_BOX_PURPOSE = 'notification mailbox';

/** The longest address SMTP carries (RFC 5321: 254 in a path). */
export const EMAIL_MAX = 254;

export type ChoiceInput = { channel: NotificationChannel; language: NotificationLanguage; email?: string };

/** Why a choice was not saved: the field it concerns and the reason. */
export type ChoiceRefusal =
  | { field: 'email'; reason: 'email_missing' | 'email_invalid' }
  | { field: 'channel'; reason: 'channel_unavailable' | 'identity_unavailable' };

export type NotificationChoices = {
  /** The channels this hub can send by (configured), for the page to offer. */
  channels: readonly SendingChannel[];
  /** The quiet hours (local wall-clock "HH:MM"), for the page to tell; undefined when there are none. */
  quietHours: { start: string; end: string } | undefined;
  /** The citizen's own choice, or undefined when they have made none. */
  read(caller: Caller): Promise<NotificationChoice | undefined>;
  save(caller: Caller, input: ChoiceInput): Promise<{ ok: true } | ({ ok: false } & ChoiceRefusal)>;
};

const Email = z.email().max(EMAIL_MAX);

/**
 * @example
 * const choices = createNotificationChoices({ db, audit, emailBox, mailboxBox, channels: ['email'] });
 * await choices.save(caller, { channel: 'email', language: 'en', email: 'maja@example.se' });
 */
export function createNotificationChoices(deps: {
  db: Db;
  audit: AuditLog;
  emailBox: SealedBox;
  mailboxBox: SealedBox;
  channels: readonly SendingChannel[];
  quietHours?: { start: string; end: string } | undefined;
}): NotificationChoices {
  const citizen = (caller: Caller) => {
    if (caller.principal.kind !== 'citizen') throw new Error('notification choices are a citizen’s own');
    return caller.principal;
  };
  return {
    channels: deps.channels,
    quietHours: deps.quietHours,
    async read(caller) {
      const who = citizen(caller);
      const found = (await choicesOf(deps.db, who.personRefs)).sort(
        (a, b) => who.personRefs.indexOf(a.personRef) - who.personRefs.indexOf(b.personRef),
      )[0];
      await recordRead(deps.audit, caller, {
        action: 'notifications.read',
        shown: found ? ['channel', 'language', ...(found.emailSealed ? ['email'] : [])] : [],
        masked: [],
      });
      if (!found) return undefined;
      if (found.channel === 'email' && found.emailSealed)
        return {
          channel: 'email',
          language: found.language,
          email: String(deps.emailBox.open(found.emailSealed)),
        };
      return { channel: found.channel === 'email' ? 'none' : found.channel, language: found.language };
    },
    async save(caller, input) {
      const who = citizen(caller);
      if (input.channel !== 'none' && !deps.channels.includes(input.channel))
        return { ok: false, field: 'channel', reason: 'channel_unavailable' };
      let emailSealed: Buffer | null = null;
      let mailboxSealed: Buffer | null = null;
      if (input.channel === 'email') {
        const email = (input.email ?? '').trim();
        if (email === '') return { ok: false, field: 'email', reason: 'email_missing' };
        if (!Email.safeParse(email).success) return { ok: false, field: 'email', reason: 'email_invalid' };
        emailSealed = deps.emailBox.seal(email);
      }
      if (input.channel === 'digital_mail') {
        // Mina meddelanden is addressed by the personnummer: taken from this sign-in, sealed at once.
        const number = who.identityNumber?.();
        if (!number) return { ok: false, field: 'channel', reason: 'identity_unavailable' };
        mailboxSealed = deps.mailboxBox.seal(number);
      }
      await recordRead(deps.audit, caller, {
        action: 'notifications.save',
        shown: ['channel', 'language', ...(emailSealed ? ['email'] : [])],
        masked: [],
      });
      await saveChoice(deps.db, who.personRefs, {
        channel: input.channel,
        language: input.language,
        emailSealed,
        mailboxSealed,
      });
      return { ok: true };
    },
  };
}
