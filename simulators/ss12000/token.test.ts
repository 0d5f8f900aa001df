import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE_PREFIX, type Ss12000Simulator, startSs12000Simulator } from './server.js';

describe('SS 12000 simulator: OAuth2 client credentials', () => {
  let sim: Ss12000Simulator;
  let clock = Date.parse('2026-05-04T08:00:00Z');
  const token = async (form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(sim.tokenUrl, { method: 'POST', body: new URLSearchParams(form), headers });
  const good = () =>
    token({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret });

  beforeAll(async () => {
    sim = await startSs12000Simulator({ seed: 2, tokenTtlSeconds: 600, now: () => clock });
  });
  afterAll(() => sim.close());

  it('answers 401 with a Bearer challenge when no token is sent (a client that never logs in)', async () => {
    const res = await fetch(`${sim.url}/placements`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    expect(await res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  it('refuses a wrong secret with 401 invalid_client, in the form or by Basic auth', async () => {
    const form = await token({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      client_secret: 'nope',
    });
    expect(form.status).toBe(401);
    expect(await form.json()).toMatchObject({ error: 'invalid_client' });
    const basic = await token(
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${Buffer.from(`${sim.clientId}:nope`).toString('base64')}` },
    );
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('refuses other grant types and scopes the client does not have', async () => {
    const pw = await token({
      grant_type: 'password',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
    });
    expect(await pw.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const scope = await token({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope: `${SCOPE_PREFIX}grades`,
    });
    expect(scope.status).toBe(400);
    expect(await scope.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('gives a bearer token that works until it expires, then 401 invalid_token', async () => {
    const basic = `Basic ${Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString('base64')}`;
    const res = await token({ grant_type: 'client_credentials' }, { authorization: basic });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
      scope: string;
    };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    expect(body.scope.split(' ')).toContain(`${SCOPE_PREFIX}placements`);
    const get = () =>
      fetch(`${sim.url}/placements?limit=1`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect((await get()).status).toBe(200);
    clock += 599_000;
    expect((await get()).status).toBe(200);
    clock += 1_000;
    const expired = await get();
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('answers 403 Åtkomst nekad on /placements for a token without the placements scope', async () => {
    const res = await token({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope: `${SCOPE_PREFIX}civicno`,
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const denied = await fetch(`${sim.url}/placements`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ code: 'Forbidden', message: 'Åtkomst nekad' });
    expect((await good()).status).toBe(200);
  });
});
