/** The few words of a kundhändelse and of a delfråga, in Swedish, English and Arabic (Swedish when nothing else is asked for). */
import type { StatusCode } from '../schemas/case.js';

export const LANGUAGES = ['sv', 'en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The language of the answer from `Accept-Language`: the first of its tags (by weight) we write in,
 * else Swedish.
 *
 * @example
 * answerLanguage('en-GB,en;q=0.9'); // 'en'
 */
export function answerLanguage(header: string | undefined): Language {
  if (!header) return 'sv';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q) : 1, i };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked.find((t) => (LANGUAGES as readonly string[]).includes(t.lang))?.lang as Language) ?? 'sv';
}

type Texts = {
  /** The headline: the case type (or, for a protected identity, just "your case") and the new status. */
  rubrik: (caseType: string, status: string) => string;
  genericCase: string;
  beskrivning: (status: string, reference: string | undefined) => string;
  actionNeeded: string;
  sourceOk: (source: string) => string;
  sourceFailing: (source: string, since: string | null) => string;
  sourceBehind: (source: string, since: string | null) => string;
  /** Never read whole: not yet, or only for people someone looked up (a look-up-only source). */
  sourceNever: (source: string) => string;
  noSources: string;
  notOwnCustomer: string;
};

export const TEXTS: Readonly<Record<Language, Texts>> = {
  sv: {
    rubrik: (caseType, status) => `${caseType}: ${status}`,
    genericCase: 'Ditt ärende',
    beskrivning: (status, reference) =>
      reference
        ? `Ärende ${reference} har fått status ”${status}”.`
        : `Ditt ärende har fått status ”${status}”.`,
    actionNeeded: 'Kommunen väntar på något från dig. Logga in och se vad som behövs.',
    sourceOk: (s) => `${s}: kundhändelserna är aktuella.`,
    sourceFailing: (s, since) =>
      `${s}: källsystemet svarar inte just nu; kundhändelser kan saknas eller vara inaktuella${since ? ` (senast hämtat ${since})` : ''}.`,
    sourceBehind: (s, since) =>
      `${s}: källsystemet har inte lästs på länge; kundhändelser kan saknas eller vara inaktuella${since ? ` (senast hämtat ${since})` : ''}.`,
    sourceNever: (s) =>
      `${s}: källsystemet har inte lästs i sin helhet (det läses bara vid uppslag, eller har inte lästs ännu); kundhändelser kan saknas.`,
    noSources: 'Lagrade kundhändelser.',
    notOwnCustomer:
      'Besvaras bara för den som frågar (anvandare) själv: inga kundhändelser lämnas för denna part.',
  },
  en: {
    rubrik: (caseType, status) => `${caseType}: ${status}`,
    genericCase: 'Your case',
    beskrivning: (status, reference) =>
      reference
        ? `Case ${reference} now has the status “${status}”.`
        : `Your case now has the status “${status}”.`,
    actionNeeded: 'The municipality is waiting for something from you. Sign in to see what is needed.',
    sourceOk: (s) => `${s}: the events are up to date.`,
    sourceFailing: (s, since) =>
      `${s}: the source system does not answer at the moment; events may be missing or out of date${since ? ` (last read ${since})` : ''}.`,
    sourceBehind: (s, since) =>
      `${s}: the source system has not been read for a long time; events may be missing or out of date${since ? ` (last read ${since})` : ''}.`,
    sourceNever: (s) =>
      `${s}: the source system has not been read in full (it is read only on look-ups, or not yet); events may be missing.`,
    noSources: 'Stored events.',
    notOwnCustomer: 'Answered only for the person asking (anvandare): no events are given for this part.',
  },
  ar: {
    rubrik: (caseType, status) => `${caseType}: ${status}`,
    genericCase: 'قضيتك',
    beskrivning: (status, reference) =>
      reference ? `القضية ${reference} أصبحت حالتها ”${status}”.` : `قضيتك أصبحت حالتها ”${status}”.`,
    actionNeeded: 'البلدية تنتظر شيئًا منك. سجّل الدخول لترى ما المطلوب.',
    sourceOk: (s) => `${s}: الأحداث محدثة.`,
    sourceFailing: (s, since) =>
      `${s}: النظام المصدر لا يستجيب حاليًا؛ قد تكون بعض الأحداث مفقودة أو قديمة${since ? ` (آخر قراءة ${since})` : ''}.`,
    sourceBehind: (s, since) =>
      `${s}: لم تتم قراءة النظام المصدر منذ مدة طويلة؛ قد تكون بعض الأحداث مفقودة أو قديمة${since ? ` (آخر قراءة ${since})` : ''}.`,
    sourceNever: (s) =>
      `${s}: لم تتم قراءة النظام المصدر بالكامل (يُقرأ فقط عند البحث، أو لم يُقرأ بعد)؛ قد تكون بعض الأحداث مفقودة.`,
    noSources: 'الأحداث المخزنة.',
    notOwnCustomer: 'يُجاب فقط للشخص السائل (anvandare) نفسه: لا تُعطى أحداث لهذا الطرف.',
  },
};

/** The event name of each canonical status: the last segment of the kundhandelseTyp. */
export const STATUS_EVENTS: Readonly<Record<StatusCode, string>> = {
  received: 'ANSOKAN_MOTTAGEN',
  registered: 'REGISTRERAT',
  in_progress: 'UNDER_BEHANDLING',
  awaiting_applicant: 'KOMPLETTERING_BEGARD',
  decided: 'BESLUT',
  closed: 'AVSLUTAT',
  withdrawn: 'ATERKALLAT',
  appealed: 'OVERKLAGAT',
};
