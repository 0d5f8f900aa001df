/**
 * An outbox event as a CloudEvents 1.0 event (structured JSON): thin, ids and what changed, never
 * personal data or case contents. A receiver reads the case through the API with its own rights.
 *
 * Extension attributes (lower-case names, string values, as the spec requires): `municipality`,
 * `domain`, `changed` (comma-separated aspects) and `sequence` (the outbox position, zero-padded so
 * that it sorts as text, as the CloudEvents sequence extension asks).
 */
import type { OutboxEvent } from '../store/event-deliveries.js';

export const CLOUDEVENT_TYPE_PREFIX = 'se.arendenav.case.';

export type CaseCloudEvent = {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  municipality: string;
  domain: string;
  changed: string;
  sequence: string;
  data: OutboxEvent['data'] & { caseId: string; position: number };
};

/**
 * @param sourceBase the hub's public address; the event's source is its municipality's cases there.
 * @example
 * toCloudEvent(event, 'https://arenden.umea.se').type; // 'se.arendenav.case.updated'
 */
export function toCloudEvent(event: OutboxEvent, sourceBase: string): CaseCloudEvent {
  return {
    specversion: '1.0',
    id: event.id,
    source: `${sourceBase.replace(/\/+$/, '')}/municipalities/${event.municipality}`,
    type: `${CLOUDEVENT_TYPE_PREFIX}${event.type}`,
    subject: event.caseId,
    time: event.occurredAt,
    datacontenttype: 'application/json',
    municipality: event.municipality,
    domain: event.domain,
    changed: event.data.changed.join(','),
    sequence: String(event.position).padStart(20, '0'),
    data: { ...event.data, caseId: event.caseId, position: event.position },
  };
}

/** The routing key on the topic exchange: `<municipality>.<domain>.<type>`, e.g. `2480.building_permit.updated`. */
export function routingKey(event: OutboxEvent): string {
  return `${event.municipality}.${event.domain}.${event.type}`;
}
