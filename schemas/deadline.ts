/** Whether a statutory deadline has passed, counted in Europe/Stockholm calendar days. */
import type { Deadline } from './case.js';

const DAY_MS = 86_400_000;
const STOCKHOLM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const HOUR_MS = 3_600_000;
/** Dates by UTC hour: Stockholm's offset is whole hours, so its date never changes within one. */
const dateByHour = new Map<number, string>();

/** Today's date in Stockholm as YYYY-MM-DD. */
export function stockholmDate(now: Date): string {
  // Formatting costs several microseconds a call, and every case view with a deadline asks.
  const hour = Math.floor(now.getTime() / HOUR_MS);
  let date = dateByHour.get(hour);
  if (date === undefined) {
    date = STOCKHOLM_DATE.format(now);
    if (dateByHour.size >= 4096) dateByHour.clear();
    dateByHour.set(hour, date);
  }
  return date;
}

export type DeadlineState = Deadline & { overdue: boolean; daysOverdue: number; weeksOverdue: number };

/**
 * Adds `overdue` and `weeksOverdue` to a deadline. Every started week past the due date counts
 * (PBL 12 kap. 8 a §: each started week cuts the building-permit fee by one fifth).
 *
 * @example
 * deadlineState({ dueAt: '2026-05-11', basis: '…', extended: false }, new Date('2026-05-12T10:00:00Z'));
 * // decided on time: deadlineState(d, now, '2026-05-08T12:00:00+02:00').overdue === false
 * // → { …, overdue: true, daysOverdue: 1, weeksOverdue: 1 }
 */
export function deadlineState(deadline: Deadline, now: Date, decidedAt?: string): DeadlineState {
  // Once decided, lateness is fixed at the decision day; it no longer grows with time.
  const decided = decidedAt ? new Date(decidedAt) : undefined;
  const until = decided && decided.getTime() < now.getTime() ? decided : now;
  const today = Date.parse(`${stockholmDate(until)}T00:00:00Z`);
  const due = Date.parse(`${deadline.dueAt}T00:00:00Z`);
  const daysOverdue = Math.max(0, Math.round((today - due) / DAY_MS));
  return { ...deadline, overdue: daysOverdue > 0, daysOverdue, weeksOverdue: Math.ceil(daysOverdue / 7) };
}
