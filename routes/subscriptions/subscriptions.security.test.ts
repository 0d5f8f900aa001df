import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';

const HOOK = 'https://arende.umea.example/hooks/arendenav';

describe.each(backends(import.meta.url))('who may manage webhooks, on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let umea: string;
  let vannas: string;
  let id: string;
  const admin = findPersona('admin') as Persona;

  beforeAll(async () => {
    t = await testApp(backend);
    umea = await t.identity.issue({ ...admin, id: 'admin-umea', municipality: '2480' });
    vannas = await t.identity.issue({ ...admin, id: 'admin-vannas', municipality: '2460' });
    const res = await t.app.request('/api/v1/subscriptions', jsonPost(umea, { url: HOOK }));
    id = ((await res.json()) as { subscription: { id: string } }).subscription.id;
  });
  afterAll(async () => t.drop());

  it('answers another municipality’s admin 404 on every operation, as for a missing one', async () => {
    const path = `/api/v1/subscriptions/${id}`;
    const missing = `/api/v1/subscriptions/${crypto.randomUUID()}`;
    for (const p of [path, missing]) {
      expect((await t.app.request(p, bearer(vannas))).status).toBe(404);
      expect(
        (await t.app.request(p, { ...jsonPost(vannas, { active: false }), method: 'PATCH' })).status,
      ).toBe(404);
      expect((await t.app.request(`${p}/replay`, jsonPost(vannas, { from: 1 }))).status).toBe(404);
      expect((await t.app.request(`${p}/secret`, jsonPost(vannas, {}))).status).toBe(404);
      expect((await t.app.request(`${p}/deliveries?state=dead`, bearer(vannas))).status).toBe(404);
      expect((await t.app.request(p, { ...bearer(vannas), method: 'DELETE' })).status).toBe(404);
    }
    const list = (await (await t.app.request('/api/v1/subscriptions', bearer(vannas))).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
    // And it is still there, unchanged, for its own admin.
    const own = await t.app.request(path, bearer(umea));
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ active: true });
  });

  it('refuses a subscription to another municipality’s events', async () => {
    const res = await t.app.request(
      '/api/v1/subscriptions',
      jsonPost(vannas, { url: HOOK, municipalities: ['2480'] }),
    );
    expect(res.status).toBe(403);
    const both = await t.app.request(
      '/api/v1/subscriptions',
      jsonPost(umea, { url: HOOK, municipalities: ['2480', '2460'] }),
    );
    expect(both.status).toBe(403);
  });

  it('gives an admin without a municipality nothing (fail closed)', async () => {
    const { municipality: _none, ...anywhere } = admin;
    const nowhere = await t.identity.issue({ ...anywhere, id: 'admin-nowhere' });
    expect((await t.app.request('/api/v1/subscriptions', jsonPost(nowhere, { url: HOOK }))).status).toBe(403);
    const list = (await (await t.app.request('/api/v1/subscriptions', bearer(nowhere))).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
    expect((await t.app.request(`/api/v1/subscriptions/${id}`, bearer(nowhere))).status).toBe(404);
  });

  it.each(['infocenter', 'bygglov', 'medborgare'])('refuses the role of %s with 403', async (persona) => {
    const token = await t.tokenFor(persona);
    expect((await t.app.request('/api/v1/subscriptions', bearer(token))).status).toBe(403);
    expect((await t.app.request('/api/v1/subscriptions', jsonPost(token, { url: HOOK }))).status).toBe(403);
    expect((await t.app.request(`/api/v1/subscriptions/${id}`, bearer(token))).status).toBe(403);
  });

  it('refuses a request without a token with 401', async () => {
    expect((await t.app.request('/api/v1/subscriptions')).status).toBe(401);
  });
});
