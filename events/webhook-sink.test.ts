import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudEvent } from 'cloudevents';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../store/event-deliveries.js';
import { freePort } from '../test/support/free-port.js';
import { startWebhookReceiver } from '../test/support/webhook-receiver.js';
import { urlRefusal } from './webhook-address.js';
import { newWebhookSecret } from './webhook-secret.js';
import { createWebhookSink } from './webhook-sink.js';

const LOOPBACK = { allowHttp: true, allowPrivate: true };
const SOURCE = 'https://arenden.umea.example';

let position = 0;
function event(caseNo = 1): OutboxEvent {
  position += 1;
  return {
    position,
    id: crypto.randomUUID(),
    caseId: `00000000-0000-4000-8000-${String(caseNo).padStart(12, '0')}`,
    municipality: '2480',
    domain: 'building_permit',
    type: 'updated',
    data: { changed: ['status'], status: { code: 'decided', previous: 'in_progress', since: '2026-03-01' } },
    occurredAt: '2026-03-01T10:00:00.000Z',
    recordedAt: '2026-03-01T10:00:01.000Z',
    attempts: 0,
  };
}

describe('the webhook sink', () => {
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const secret = newWebhookSecret();
  const sinks: { close(): void }[] = [];
  const sinkTo = (
    url: string,
    more: { timeoutMs?: number; concurrency?: number; rules?: typeof LOOPBACK } = {},
  ) => {
    const s = createWebhookSink({ url, secret, sourceBase: SOURCE, rules: LOOPBACK, ...more });
    sinks.push(s);
    return s.sink;
  };

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    hook.setSecret(secret);
  });
  afterEach(() => hook.setMode({}));
  afterAll(async () => {
    for (const s of sinks) s.close();
    await hook.close();
  });

  it('POSTs a structured CloudEvent, signed so that a Standard Webhooks library verifies it', async () => {
    const e = event();
    const outcomes = await sinkTo(hook.url)([e]);
    expect(outcomes.get(e.position)).toEqual({ outcome: 'delivered' });
    const got = hook.taken.find((t) => t.id === e.id);
    expect(got?.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(got?.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    // The cloudevents SDK validates on construction: a missing or malformed attribute throws.
    const ce = new CloudEvent(got?.body as Record<string, unknown>);
    expect(ce.validate()).toBe(true);
    expect(ce.id).toBe(e.id);
    expect(ce.subject).toBe(e.caseId);
    expect(ce.type).toBe('se.arendenav.case.updated');
    expect(ce.source).toBe(`${SOURCE}/municipalities/2480`);
  });

  it('sends events of distinct cases at once, at most `concurrency` of them', async () => {
    hook.setMode({ hangMs: 60 });
    hook.resetMaxInFlight();
    const events = Array.from({ length: 9 }, (_, n) => event(100 + n));
    const outcomes = await sinkTo(hook.url, { concurrency: 3 })(events);
    expect([...outcomes.values()].every((o) => o.outcome === 'delivered')).toBe(true);
    expect(hook.maxInFlight).toBe(3);
  });

  it('is refused by a receiver holding another secret (the signature is over this body and id)', async () => {
    hook.setSecret(newWebhookSecret());
    const e = event();
    const outcomes = await sinkTo(hook.url)([e]);
    hook.setSecret(secret);
    expect(outcomes.get(e.position)).toEqual({ outcome: 'failed', error: 'HTTP 401' });
    expect(hook.refusedSignatures).toContain(e.id);
  });

  it('signs with the replaced secret too until its grace period ends, so a receiver can switch at its own pace', async () => {
    const old = newWebhookSecret();
    // Receivers refuse timestamps far from their own clock: the sink's clock stays near the real one.
    let clock = new Date();
    const until = new Date(clock.getTime() + 60_000);
    const rotated = createWebhookSink({
      url: hook.url,
      secret,
      previousSecret: { secret: old, until },
      now: () => clock,
      sourceBase: SOURCE,
      rules: LOOPBACK,
    });
    sinks.push(rotated);
    // The receiver still holds the old secret: the second signature is its.
    hook.setSecret(old);
    const during = event();
    const accepted = await rotated.sink([during]);
    expect(accepted.get(during.position)).toEqual({ outcome: 'delivered' });
    expect(
      String(hook.taken.find((t) => t.id === during.id)?.headers['webhook-signature']).split(' '),
    ).toHaveLength(2);
    // It has switched: the first signature is the new secret's.
    hook.setSecret(secret);
    const switched = event();
    expect((await rotated.sink([switched])).get(switched.position)).toEqual({ outcome: 'delivered' });
    // The grace period is over: the old secret signs no more.
    clock = until;
    hook.setSecret(old);
    const after = event();
    expect((await rotated.sink([after])).get(after.position)).toEqual({
      outcome: 'failed',
      error: 'HTTP 401',
    });
    hook.setSecret(secret);
    expect((await rotated.sink([after])).get(after.position)).toEqual({ outcome: 'delivered' });
    expect(
      String(hook.taken.find((t) => t.id === after.id)?.headers['webhook-signature']).split(' '),
    ).toHaveLength(1);
  });

  it('fails on a non-2xx answer with the status only, never the receiver’s text', async () => {
    hook.setMode({ status: 500 });
    const e = event();
    expect((await sinkTo(hook.url)([e])).get(e.position)).toEqual({ outcome: 'failed', error: 'HTTP 500' });
  });

  it('does not follow a redirect', async () => {
    let followed = 0;
    const elsewhere = createServer((_q, r) => {
      followed += 1;
      r.writeHead(204).end();
    });
    await new Promise<void>((ready) => elsewhere.listen(0, '127.0.0.1', () => ready()));
    const { port } = elsewhere.address() as AddressInfo;
    hook.setMode({ status: 307, location: `http://127.0.0.1:${port}/` });
    const e = event();
    expect((await sinkTo(hook.url)([e])).get(e.position)).toEqual({ outcome: 'failed', error: 'HTTP 307' });
    expect(followed).toBe(0);
    await new Promise<void>((done) => elsewhere.close(() => done()));
  });

  it('gives up on a receiver that does not answer in time', async () => {
    hook.setMode({ hangMs: 1_000 });
    const e = event();
    const started = Date.now();
    expect((await sinkTo(hook.url, { timeoutMs: 150 })([e])).get(e.position)).toEqual({
      outcome: 'failed',
      error: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('names a closed port "connection refused"', async () => {
    const e = event();
    const url = `http://127.0.0.1:${await freePort()}/hook`;
    expect((await sinkTo(url)([e])).get(e.position)).toEqual({
      outcome: 'failed',
      error: 'connection refused',
    });
  });

  it('refuses loopback receivers unless allowed, by literal address and by name (checked after DNS)', async () => {
    const closed = { allowHttp: true, allowPrivate: false };
    const [a, b] = [event(), event(2)];
    expect((await sinkTo(hook.url, { rules: closed })([a])).get(a.position)).toEqual({
      outcome: 'failed',
      error: 'address not allowed',
    });
    const byName = hook.url.replace('127.0.0.1', 'localhost');
    expect((await sinkTo(byName, { rules: closed })([b])).get(b.position)).toEqual({
      outcome: 'failed',
      error: 'address not allowed',
    });
    expect(hook.taken.map((t) => t.id)).not.toContain(a.id);
    expect(hook.taken.map((t) => t.id)).not.toContain(b.id);
  });
});

describe('webhook addresses', () => {
  const strict = { allowHttp: false, allowPrivate: false };
  it.each([
    ['https://arende.umea.example/hook', strict, undefined],
    ['http://arende.umea.example/hook', strict, 'https is required'],
    ['http://127.0.0.1:8080/hook', { allowHttp: true, allowPrivate: true }, undefined],
    ['https://10.1.2.3/hook', strict, 'the host is a loopback or private address'],
    ['https://[::ffff:127.0.0.1]/hook', strict, 'the host is a loopback or private address'],
    ['https://localhost/hook', strict, 'the host is a loopback address'],
    [
      'https://169.254.169.254/latest',
      { allowHttp: true, allowPrivate: true },
      'the host is a link-local, multicast or unspecified address',
    ],
    [
      'https://[fe80::1]/hook',
      { allowHttp: true, allowPrivate: true },
      'the host is a link-local, multicast or unspecified address',
    ],
    ['https://user:pw@arende.umea.example/hook', strict, 'no user name or password in the URL'],
    ['ftp://arende.umea.example/', strict, 'https is required'],
    ['not a url', strict, 'not a URL'],
  ])('%s', (url, rules, refusal) => {
    expect(urlRefusal(url, rules)).toBe(refusal);
  });
});
