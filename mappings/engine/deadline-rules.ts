/** Statutory deadlines computed from declared rules (e.g. PBL 9 kap. 27 §), never coded per mapping. */
import type { Deadline } from '../../schemas/case.js';
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
  let basis = rule.basis;
  if (rule.restartOnCompletion && inputs.completionRequestedAt) {
    // Counted in calendar days where the office is, so a change of summer time moves nothing.
    const days =
      (Date.parse(calendarDatePlusDays(inputs.completionRequestedAt, 0, zone)) -
        Date.parse(calendarDatePlusDays(inputs.receivedAt, 0, zone))) /
      DAY_MS;
    if (days <= rule.restartOnCompletion.withinWeeks * 7) {
      if (!inputs.completeAt) return undefined;
      start = inputs.completeAt;
      basis = `${rule.basis} (räknat från komplett ansökan)`;
    }
  }
  if (inputs.extensionDueAt && rule.extension) {
    const dueAt = calendarDatePlusDays(inputs.extensionDueAt, 0, zone);
    return { dueAt, basis: `${basis}; förlängd till ${dueAt}`, extended: true };
  }
  const maxExtension = rule.extension?.maxWeeks ?? 0;
  const extension = Math.min(Math.max(inputs.extensionWeeks ?? 0, 0), maxExtension);
  return {
    dueAt: calendarDatePlusDays(start, (rule.weeks + extension) * 7, zone),
    basis: extension > 0 ? `${basis}; förlängd ${extension} veckor` : basis,
    extended: extension > 0,
  };
}
