/**
 * The registration form's body, read into the register's input or into field errors, and what the form
 * may show again after a refusal: never a personnummer (only its birth date and "••••"), never a
 * personnummer-shaped run typed into the free text.
 */
import {
  formatPersonnummer,
  normalizePersonnummerSeparators,
  PERSONNUMMER_LIKE,
  parsePersonnummer,
} from '../person/personnummer.js';
import { isUuid } from '../schemas/case-id.js';
import { CONTACT_TEXT_MAX, type RegisterContact, RegisterContactSchema } from '../schemas/contact.js';
import type { TextKey } from './i18n.js';

/** The outcomes an agent picks while registering; `forwarded` arrives with the tasks (issue 14 item 2). */
export const FORM_OUTCOMES = ['answered_directly', 'callback_promised', 'referred_elsewhere'] as const;
export type FormOutcome = (typeof FORM_OUTCOMES)[number];

/** The languages offered for the contact, Swedish first; their names come from Intl in the page's language. */
export const CONTACT_LANGUAGES = ['sv', 'en', 'ar', 'fi', 'so', 'ti', 'fa', 'uk', 'pl'] as const;

export type ContactField =
  | 'municipality'
  | 'channel'
  | 'language'
  | 'topic'
  | 'question'
  | 'answer'
  | 'outcome'
  | 'callbackNumber'
  | 'personnummer'
  | 'recordArrivedOn'
  | 'recordDiarienummer';
export type FieldErrors = Partial<Record<ContactField, TextKey>>;

/** What the form is filled with: a fresh form's defaults, or what was sent, made safe to show again. */
export type ContactFormValues = {
  municipality: string;
  channel: string;
  language: string;
  topic: string;
  question: string;
  answer: string;
  outcome: string;
  callbackNumber: string;
  /** An e-mail or letter that is a public record (allmän handling): its arrival date and diarienummer. */
  recordArrivedOn: string;
  recordDiarienummer: string;
  caseId?: string | undefined;
  /** The published knowledge entry the answer was taken from (counted in the statistics). */
  knowledgeEntry?: string | undefined;
  /** "19900321-••••" when a valid personnummer was given and the form is shown again. */
  personnummerMasked?: string | undefined;
  /** Whether a personnummer-shaped run was taken out of the question or answer. */
  textMasked?: boolean;
};

/** `values` is always there: a refusal by the register itself shows the form again with them too. */
export type ParsedContactForm = { values: ContactFormValues } & (
  | { ok: true; input: RegisterContact; outcome: FormOutcome }
  | { ok: false; errors: FieldErrors }
);

const PNR_MASK = '[personnummer]';
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Free text with every personnummer-shaped run replaced, as the register would store it. */
export function withoutPersonnummer(text: string): { text: string; masked: boolean } {
  const normalized = normalizePersonnummerSeparators(text);
  const replaced = normalized.replace(PERSONNUMMER_LIKE, PNR_MASK);
  return replaced === normalized ? { text, masked: false } : { text: replaced, masked: true };
}

/** The birth date with the last four digits hidden: enough for the agent to see which number was read. */
export function maskedPersonnummer(normalized: string): string {
  return `${normalized.slice(0, 8)}-••••`;
}

const ZOD_FIELD_ERRORS: Partial<Record<ContactField, TextKey>> = {
  municipality: 'errorContactMunicipality',
  channel: 'errorContactChoice',
  language: 'errorContactChoice',
  topic: 'errorContactTopic',
  question: 'errorContactQuestion',
  answer: 'errorContactAnswer',
  callbackNumber: 'errorContactCallback',
  recordArrivedOn: 'errorContactRecordDate',
  recordDiarienummer: 'errorContactRecordDiarienummer',
};

/** The form's field a schema issue is about (the public record's two are nested in the API's body). */
function fieldOf(path: readonly PropertyKey[]): ContactField {
  if (path[0] !== 'publicRecord') return path[0] as ContactField;
  return path[1] === 'diarienummer' ? 'recordDiarienummer' : 'recordArrivedOn';
}

/**
 * @example
 * const parsed = parseContactForm(await c.req.parseBody(), now);
 * if (parsed.ok) await contacts.register(caller, parsed.input);
 */
export function parseContactForm(body: Record<string, unknown>, now: Date): ParsedContactForm {
  const errors: FieldErrors = {};
  const question = str(body.question);
  const answer = str(body.answer);
  const outcome = str(body.outcome);
  const callbackNumber = str(body.callbackNumber).trim();
  const caseId = isUuid(str(body.arende)) ? str(body.arende) : undefined;
  const knowledgeEntry = isUuid(str(body.knowledgeEntry)) ? str(body.knowledgeEntry) : undefined;
  const rawPnr = normalizePersonnummerSeparators(str(body.personnummer).trim());
  let personnummer: string | undefined;
  let personnummerMasked: string | undefined;
  if (rawPnr !== '') {
    const parsed = parsePersonnummer(rawPnr, { now });
    if (parsed.ok) {
      personnummer = formatPersonnummer(parsed.value);
      personnummerMasked = maskedPersonnummer(parsed.value.normalized);
    } else errors.personnummer = 'errorPersonnummer';
  }
  if (!(FORM_OUTCOMES as readonly string[]).includes(outcome)) errors.outcome = 'errorContactChoice';
  if (outcome !== 'callback_promised' && outcome !== '' && answer.trim() === '')
    errors.answer = 'errorContactAnswerNeeded';
  const arrivedOn = str(body.recordArrivedOn).trim();
  const diarienummer = withoutPersonnummer(str(body.recordDiarienummer).trim()).text;
  // A diarienummer belongs to a record that arrived; a record cannot arrive after today.
  if (diarienummer !== '' && arrivedOn === '') errors.recordArrivedOn = 'errorContactRecordDate';
  if (arrivedOn > now.toISOString().slice(0, 10)) errors.recordArrivedOn = 'errorContactRecordDate';

  const candidate = {
    municipality: str(body.municipality),
    channel: str(body.channel),
    language: str(body.language),
    topic: str(body.topic),
    question,
    ...(answer.trim() !== '' ? { answer, ...(knowledgeEntry ? { knowledgeEntry } : {}) } : {}),
    ...(personnummer ? { personnummer } : {}),
    ...(callbackNumber !== '' ? { callbackNumber } : {}),
    caseIds: caseId ? [caseId] : [],
    ...(arrivedOn !== ''
      ? { publicRecord: { arrivedOn, ...(diarienummer !== '' ? { diarienummer } : {}) } }
      : {}),
  };
  const parsed = RegisterContactSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      if (errors[field]) continue;
      const tooLong = issue.code === 'too_big' && (field === 'question' || field === 'answer');
      errors[field] = tooLong ? 'errorContactTooLong' : (ZOD_FIELD_ERRORS[field] ?? 'errorContactChoice');
    }
  }
  const safeQuestion = withoutPersonnummer(question.slice(0, CONTACT_TEXT_MAX + 100));
  const safeAnswer = withoutPersonnummer(answer.slice(0, CONTACT_TEXT_MAX + 100));
  const values: ContactFormValues = {
    municipality: candidate.municipality,
    channel: candidate.channel,
    language: candidate.language,
    topic: candidate.topic,
    question: safeQuestion.text,
    answer: safeAnswer.text,
    outcome,
    // Not saved yet, so still the agent's to correct; after saving it is never shown.
    callbackNumber: withoutPersonnummer(callbackNumber).text,
    recordArrivedOn: arrivedOn.slice(0, 10),
    recordDiarienummer: diarienummer.slice(0, 64),
    caseId,
    knowledgeEntry,
    personnummerMasked,
    textMasked: safeQuestion.masked || safeAnswer.masked,
  };
  if (parsed.success && Object.keys(errors).length === 0)
    return { ok: true, input: parsed.data, outcome: outcome as FormOutcome, values };
  return { ok: false, errors, values };
}
