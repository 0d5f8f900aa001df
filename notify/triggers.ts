/**
 * Which events a citizen is told about (issue 15), and the change each describes: something asked of
 * them, a decision, a deadline passed. Pure: an event in, the change (or nothing) out.
 */
import type { NotificationTrigger } from '../schemas/notification.js';
import type { OutboxEvent } from '../store/event-deliveries.js';

/** What happened and when it happened in the source: with the case and person, the message's key. */
export type Change = { trigger: NotificationTrigger; changeAt: string };

/**
 * The change `event` tells a party of, or null. A case the hub sees for the first time (`created`) is
 * no change to its parties: a new source's first sync would otherwise message everyone at once.
 *
 * "Action required" is keyed by the status's "since" while the status is `awaiting_applicant`, so the
 * status and "who holds the ball" turning to the applicant, in one event or two, are one change.
 *
 * @example
 * changeOf(event); // { trigger: 'decision', changeAt: '2026-05-04T08:00:00.000Z' }
 */
export function changeOf(event: Pick<OutboxEvent, 'type' | 'data' | 'occurredAt'>): Change | null {
  const { data } = event;
  if (event.type === 'deadline_passed') {
    return { trigger: 'deadline_passed', changeAt: data.deadline?.dueAt ?? event.occurredAt };
  }
  if (event.type !== 'updated') return null;
  const status = data.status;
  const statusChanged = data.changed.includes('status') && status?.previous !== status?.code;
  if (statusChanged && status?.code === 'decided') {
    return { trigger: 'decision', changeAt: status.since ?? event.occurredAt };
  }
  const toAwaitingApplicant = statusChanged && status?.code === 'awaiting_applicant';
  const ballToApplicant =
    data.changed.includes('awaiting') &&
    data.awaiting?.who === 'applicant' &&
    data.awaiting.previous !== 'applicant';
  if (toAwaitingApplicant || ballToApplicant) {
    const since = status?.code === 'awaiting_applicant' ? status.since : null;
    return { trigger: 'action_required', changeAt: since ?? event.occurredAt };
  }
  return null;
}
