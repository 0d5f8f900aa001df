/**
 * Citizens' notification choices (issue 15), by person reference: the channel, the language, and the
 * sealed address the channel needs. Sealing and opening are the caller's; this module sees only bytes.
 */
import type { NotificationChannel, NotificationLanguage } from '../schemas/notification.js';
import type { Db, Queryable } from './db.js';

export type StoredChoice = {
  personRef: string;
  channel: NotificationChannel;
  language: NotificationLanguage;
  emailSealed: Buffer | null;
  /** The personnummer Mina meddelanden is addressed by, sealed. */
  mailboxSealed: Buffer | null;
  updatedAt: string;
};

type ChoiceRow = {
  person_ref: string;
  channel: NotificationChannel;
  language: NotificationLanguage;
  email_sealed: Uint8Array | null;
  mailbox_sealed: Uint8Array | null;
  updated_at: Date | string;
};

const toChoice = (r: ChoiceRow): StoredChoice => ({
  personRef: r.person_ref,
  channel: r.channel,
  language: r.language,
  emailSealed: r.email_sealed ? Buffer.from(r.email_sealed) : null,
  mailboxSealed: r.mailbox_sealed ? Buffer.from(r.mailbox_sealed) : null,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The choices saved under any of `personRefs` (a case's parties; a citizen's references during a key rotation). */
export async function choicesOf(q: Queryable, personRefs: readonly string[]): Promise<StoredChoice[]> {
  if (personRefs.length === 0) return [];
  const { rows } = await q.query<ChoiceRow>(
    `SELECT person_ref, channel, language, email_sealed, mailbox_sealed, updated_at
       FROM notification_choices WHERE person_ref = ANY($1::text[])`,
    [personRefs],
  );
  return rows.map(toChoice);
}

/**
 * Saves a citizen's choice under their current reference (`personRefs[0]`) and removes any saved under
 * their earlier references (a key rotation), in one transaction, so one person has one choice.
 */
export async function saveChoice(
  db: Db,
  personRefs: readonly string[],
  choice: Pick<StoredChoice, 'channel' | 'language' | 'emailSealed' | 'mailboxSealed'>,
): Promise<void> {
  const [current, ...earlier] = personRefs;
  if (!current) throw new Error('a choice needs the citizen’s person reference');
  await db.transaction(async (tx) => {
    if (earlier.length > 0)
      await tx.query('DELETE FROM notification_choices WHERE person_ref = ANY($1::text[])', [earlier]);
    await tx.query(
      `INSERT INTO notification_choices (person_ref, channel, language, email_sealed, mailbox_sealed, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (person_ref) DO UPDATE SET channel = excluded.channel, language = excluded.language,
         email_sealed = excluded.email_sealed, mailbox_sealed = excluded.mailbox_sealed, updated_at = now()`,
      [current, choice.channel, choice.language, choice.emailSealed, choice.mailboxSealed],
    );
  });
}
