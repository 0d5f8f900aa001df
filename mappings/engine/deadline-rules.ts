/** Statutory deadlines computed from declared rules (e.g. PBL 9 kap. 27 §), never coded per mapping. */
import type { Deadline, LocalizedText } from '../../schemas/case.js';
import { calendarDatePlusDays } from './dates.js';
import type { DeadlineRule } from './mapping-schema.js';

export type DeadlineInputs = {
  caseTypeCode: string;
  receivedAt?: string;
  completeAt?: string;
  /** When the office asked for completion (komplettering), if it did. */
  completionRequestedAt?: string;
  extensionWeeks?: number;
  /** The new due date an extension decision set, when the source gives the date rather than weeks. */
  extensionDueAt?: string;
};

const DAY_MS = 86_400_000;

/**
 * The due date for a case, or `undefined` when no rule applies or the clock has not started
 * (completion asked for in time and not yet received: the time runs from the complete application).
 *
 * @example
 * // Bygglov received 2 March, completion asked 10 March (within 3 weeks), complete 20 March:
 * // 10 weeks from 20 March → due 29 May.
 */
export function computeDeadline(
  rules: readonly DeadlineRule[],
  inputs: DeadlineInputs,
  zone: string,
): Deadline | undefined {
  const rule = rules.find((r) => r.caseTypes.includes(inputs.caseTypeCode));
  if (!rule || !inputs.receivedAt) return undefined;
  let start = inputs.receivedAt;
  let suffix: (lang: Language) => string = () => '';
  if (rule.restartOnCompletion && inputs.completionRequestedAt) {
    // Counted in calendar days where the office is, so a change of summer time moves nothing.
    const days =
      (Date.parse(calendarDatePlusDays(inputs.completionRequestedAt, 0, zone)) -
        Date.parse(calendarDatePlusDays(inputs.receivedAt, 0, zone))) /
      DAY_MS;
    if (days <= rule.restartOnCompletion.withinWeeks * 7) {
      if (!inputs.completeAt) return undefined;
      start = inputs.completeAt;
      suffix = (lang) => FROM_COMPLETE[lang];
    }
  }
  if (inputs.extensionDueAt && rule.extension) {
    const dueAt = calendarDatePlusDays(inputs.extensionDueAt, 0, zone);
    const to = suffix;
    return withBasis(rule.basis, (lang) => `${to(lang)}${EXTENDED_TO[lang].replace('{date}', dueAt)}`, {
      dueAt,
      extended: true,
    });
  }
  const maxExtension = rule.extension?.maxWeeks ?? 0;
  const extension = Math.min(Math.max(inputs.extensionWeeks ?? 0, 0), maxExtension);
  const from = suffix;
  return withBasis(
    rule.basis,
    (lang) => `${from(lang)}${extension > 0 ? EXTENDED_WEEKS[lang].replace('{n}', String(extension)) : ''}`,
    { dueAt: calendarDatePlusDays(start, (rule.weeks + extension) * 7, zone), extended: extension > 0 },
  );
}

type Language = keyof LocalizedText;

// What the engine adds to a rule's basis, in the languages a mapping may give the basis in.
const FROM_COMPLETE: LocalizedText = {
  sv: ' (räknat från komplett ansökan)',
  en: ' (counted from the complete application)',
  ar: ' (محسوبة من تاريخ اكتمال الطلب)',
};
const EXTENDED_TO: LocalizedText = {
  sv: '; förlängd till {date}',
  en: '; extended to {date}',
  ar: '؛ مُددت حتى {date}',
};
const EXTENDED_WEEKS: LocalizedText = {
  sv: '; förlängd {n} veckor',
  en: '; extended by {n} weeks',
  ar: '؛ مُددت (عدد الأسابيع: {n})',
};

/**
 * The basis in Swedish (`basis`, what every mapping gives), and in all three languages (`basisText`)
 * when the rule gives its basis in all three.
 */
function withBasis(
  basis: DeadlineRule['basis'],
  suffix: (lang: Language) => string,
  rest: Omit<Deadline, 'basis' | 'basisText'>,
): Deadline {
  if (typeof basis === 'string')
    return { dueAt: rest.dueAt, basis: `${basis}${suffix('sv')}`, extended: rest.extended };
  const text = {
    sv: `${basis.sv}${suffix('sv')}`,
    en: `${basis.en}${suffix('en')}`,
    ar: `${basis.ar}${suffix('ar')}`,
  };
  return { dueAt: rest.dueAt, basis: text.sv, basisText: text, extended: rest.extended };
}
