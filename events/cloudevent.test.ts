import { CloudEvent } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../store/event-deliveries.js';
import { routingKey, toCloudEvent } from './cloudevent.js';

const event: OutboxEvent = {
  position: 42,
  id: '0b5c5a8e-6d4f-4a57-9c57-8a2f3d0c1e11',
  caseId: '6f1d8a3c-2b7e-5c1a-9e3f-0a4b5c6d7e8f',
  municipality: '2480',
  domain: 'building_permit',
  type: 'updated',
  data: {
    changed: ['status', 'awaiting'],
    status: { code: 'awaiting_applicant', previous: 'in_progress', since: '2026-02-03T08:00:00.000Z' },
    awaiting: { who: 'applicant', previous: null },
  },
  occurredAt: '2026-02-03T08:00:00.000Z',
  recordedAt: '2026-02-03T08:00:01.000Z',
  attempts: 0,
};

describe('an outbox event as a CloudEvent', () => {
  it('is a valid CloudEvents 1.0 event by the reference SDK, with the case as subject', () => {
    const body = toCloudEvent(event, 'https://arenden.example.se/');
    const parsed = new CloudEvent(body);
    expect(parsed.validate()).toBe(true);
    expect(parsed.subject).toBe(event.caseId);
    expect(parsed.source).toBe('https://arenden.example.se/municipalities/2480');
    expect(parsed.type).toBe('se.arendenav.case.updated');
    expect(body.changed).toBe('status,awaiting');
  });

  it('numbers events so that their sequence sorts as text in outbox order', () => {
    const early = toCloudEvent({ ...event, position: 9 }, 'https://a').sequence;
    const late = toCloudEvent({ ...event, position: 10 }, 'https://a').sequence;
    expect(early < late).toBe(true);
  });

  it('routes by municipality, domain and type on the topic exchange', () => {
    expect(routingKey(event)).toBe('2480.building_permit.updated');
  });
});
