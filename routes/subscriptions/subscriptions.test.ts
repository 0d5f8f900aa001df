import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { makeCase } from '../../test/support/cases.js';
import { backends } from '../../test/support/databases.js';

const HOOK = 'https://arende.umea.example/hooks/arendenav';

const patch = (token: string, body: unknown) => ({ ...jsonPost(token, body), method: 'PATCH' });

describe.each(backends(import.meta.url))('webhook subscriptions on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let admin: string;

  beforeAll(async () => {
    t = await testApp(backend);
    admin = await t.identity.issue({
      ...(findPersona('admin') as Persona),
      id: 'admin-umea',
      municipality: '2480',
    });
  });
  afterAll(async () => t.drop());

  const create = async (body: Record<string, unknown> = {}) => {
    const res = await t.app.request('/api/v1/subscriptions', jsonPost(admin, { url: HOOK, ...body }));
    expect(res.status).toBe(201);
    return (await res.json()) as { subscription: { id: string }; secret: string };
  };

  it('registers a webhook for the admin’s municipality and shows its secret once, never again', async () => {
    const { subscription, secret } = await create({
      types: ['updated', 'deadline_passed'],
      alertEmail: 'drift@umea.example',
      description: 'Ärendesystemet',
      maxAttempts: 5,
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(subscription).toMatchObject({
      url: HOOK,
      municipalities: ['2480'],
      types: ['updated', 'deadline_passed'],
      alertEmail: 'drift@umea.example',
      maxAttempts: 5,
      active: true,
      backlog: { pending: 0, dead: 0, oldestPendingSeconds: null },
    });
    const one = await t.app.request(`/api/v1/subscriptions/${subscription.id}`, bearer(admin));
    const list = await t.app.request('/api/v1/subscriptions', bearer(admin));
    for (const res of [one, list]) {
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain(subscription.id);
      expect(text).not.toContain(secret.slice(6));
      expect(text).not.toMatch(/secret/i);
    }
    // Stored sealed: the database does not hold it in clear.
    const { rows } = await t.db.query<{ secret_sealed: string }>(
      'SELECT secret_sealed FROM event_subscriptions WHERE id = $1',
      [subscription.id],
    );
    expect(rows[0]?.secret_sealed).not.toContain(secret.slice(6, 20));
  });

  it('shows the backlog, lists dead deliveries without contents, and replays from a position', async () => {
    const { subscription } = await create();
    const c = makeCase({ sourceId: 'W-1', status: 'received' });
    await t.store.upsertMany([c]);
    await t.store.upsertMany([
      makeCase({ sourceId: 'W-1', status: 'decided', updatedAt: '2026-03-05T09:00:00.000Z' }),
    ]);
    const read = async () =>
      (await (await t.app.request(`/api/v1/subscriptions/${subscription.id}`, bearer(admin))).json()) as {
        backlog: { pending: number; dead: number; oldestPendingSeconds: number | null };
      };
    expect((await read()).backlog).toMatchObject({ pending: 2, dead: 0 });
    expect((await read()).backlog.oldestPendingSeconds).toBeTypeOf('number');
    // Both spent their attempts (as the relay would have settled them).
    await t.db.query(
      `UPDATE event_deliveries SET state = 'dead', attempts = 12, last_error = 'HTTP 503' WHERE subscription_id = $1`,
      [subscription.id],
    );
    expect((await read()).backlog).toMatchObject({ pending: 0, dead: 2 });
    const res = await t.app.request(
      `/api/v1/subscriptions/${subscription.id}/deliveries?state=dead`,
      bearer(admin),
    );
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { position: number; caseId: string }[] };
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      position: expect.any(Number),
      eventId: expect.any(String),
      caseId: c.id,
      type: 'created',
      attempts: 12,
      lastError: 'HTTP 503',
      recordedAt: expect.any(String),
    });
    const second = items[1]?.position as number;
    const replay = await t.app.request(
      `/api/v1/subscriptions/${subscription.id}/replay`,
      jsonPost(admin, { from: second }),
    );
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ replayed: 1 });
    expect((await read()).backlog).toMatchObject({ pending: 1, dead: 1 });
  });

  it('changes, pauses, rotates the secret of and removes a webhook', async () => {
    const { subscription, secret } = await create();
    const path = `/api/v1/subscriptions/${subscription.id}`;
    const changed = await t.app.request(
      path,
      patch(admin, { active: false, types: [], maxAttempts: 3, alertEmail: null, url: `${HOOK}/v2` }),
    );
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      active: false,
      types: null,
      maxAttempts: 3,
      alertEmail: null,
      url: `${HOOK}/v2`,
    });
    const rotated = await t.app.request(`${path}/secret`, jsonPost(admin, {}));
    expect(rotated.status).toBe(200);
    const { secret: fresh, rotationGraceUntil } = (await rotated.json()) as {
      secret: string;
      rotationGraceUntil: string;
    };
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(secret);
    // The replaced secret signs beside the new one for a day by default; the subscription says until when.
    const hours = (Date.parse(rotationGraceUntil) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect((await (await t.app.request(path, bearer(admin))).json()).rotationGraceUntil).toBe(
      rotationGraceUntil,
    );
    // A leaked secret is stopped at once.
    const leaked = await t.app.request(`${path}/secret`, jsonPost(admin, { graceHours: 0 }));
    expect((await leaked.json()).rotationGraceUntil).toBeNull();
    expect((await (await t.app.request(path, bearer(admin))).json()).rotationGraceUntil).toBeNull();
    expect((await t.app.request(`${path}/secret`, jsonPost(admin, { graceHours: 169 }))).status).toBe(400);
    expect((await t.app.request(path, { ...bearer(admin), method: 'DELETE' })).status).toBe(204);
    expect((await t.app.request(path, bearer(admin))).status).toBe(404);
  });

  it.each([
    ['plain http', { url: 'http://arende.umea.example/hook' }, 'url'],
    ['a private address', { url: 'https://10.0.0.7/hook' }, 'url'],
    ['cloud metadata', { url: 'https://169.254.169.254/latest/meta-data' }, 'url'],
    ['localhost', { url: 'https://localhost:8443/hook' }, 'url'],
    ['credentials in the URL', { url: 'https://user:pw@arende.umea.example/hook' }, 'url'],
    ['an unknown event type', { url: HOOK, types: ['read'] }, 'types.0'],
    ['no attempts', { url: HOOK, maxAttempts: 0 }, 'maxAttempts'],
    ['an unknown field', { url: HOOK, secret: 'mine' }, 'secret'],
    ['a bad alert address', { url: HOOK, alertEmail: 'drift' }, 'alertEmail'],
  ])('refuses %s with 400 naming the field', async (_what, body, field) => {
    const res = await t.app.request('/api/v1/subscriptions', jsonPost(admin, body));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toContain(field);
  });

  it('refuses a change to a bad address, and a replay without a position', async () => {
    const { subscription } = await create();
    const path = `/api/v1/subscriptions/${subscription.id}`;
    expect((await t.app.request(path, patch(admin, { url: 'http://arende.umea.example/' }))).status).toBe(
      400,
    );
    expect((await t.app.request(`${path}/replay`, jsonPost(admin, {}))).status).toBe(400);
    expect((await t.app.request(`${path}/deliveries`, bearer(admin))).status).toBe(400);
  });
});

describe('webhook addresses where the hub allows http and private networks (tests, the demo)', () => {
  it('accepts a loopback http receiver', async () => {
    const t = await testApp('pglite', { webhookRules: { allowHttp: true, allowPrivate: true } });
    const admin = await t.identity.issue({
      ...(findPersona('admin') as Persona),
      id: 'admin-umea',
      municipality: '2480',
    });
    const ok = await t.app.request(
      '/api/v1/subscriptions',
      jsonPost(admin, { url: 'http://127.0.0.1:9/hook' }),
    );
    const metadata = await t.app.request(
      '/api/v1/subscriptions',
      jsonPost(admin, { url: 'http://169.254.169.254/latest' }),
    );
    await t.drop();
    expect(ok.status).toBe(201);
    expect(metadata.status).toBe(400);
  });
});
