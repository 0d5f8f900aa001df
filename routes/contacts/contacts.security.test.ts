import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { loadPolicy, regionExamplePolicyFile } from '../../policy/load-policy.js';
import type { Policy } from '../../policy/policy-schema.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';

/** The region's example policy, with its information-center agreement also covering contacts. */
function regionWithContacts(): Policy {
  const region = loadPolicy(regionExamplePolicyFile());
  return {
    ...region,
    agreements: region.agreements.map((a) => ({ ...a, domains: [...a.domains, 'contacts'] })),
  };
}

const umeaContact = {
  municipality: '2480',
  channel: 'phone',
  topic: 'bygglov',
  question: 'Hur långt har mitt ärende kommit?',
};

describe.each(backends(import.meta.url))('who may handle a contact, on %s', (backend) => {
  describe('under the default policy (no agreements)', () => {
    let t: Awaited<ReturnType<typeof testApp>>;
    let id: string;
    beforeAll(async () => {
      t = await testApp(backend);
      const res = await t.app.request(
        '/api/v1/contacts',
        jsonPost(await t.tokenFor('infocenter'), umeaContact),
      );
      id = (await res.json()).id;
    });
    afterAll(async () => t.drop());

    it('answers another municipality’s agent 404, exactly as for a missing contact, and audits it as denied', async () => {
      const bjurholm = await t.tokenFor('kc-bjurholm');
      const hidden = await t.app.request(`/api/v1/contacts/${id}`, bearer(bjurholm));
      const missing = await t.app.request(
        '/api/v1/contacts/5d0c8b9e-2f6a-4c1d-9b7e-3a2f1c0d4e5f',
        bearer(bjurholm),
      );
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      const strip = ({ requestId: _, ...rest }: Record<string, unknown>) => rest;
      expect(strip(await hidden.json())).toEqual(strip(await missing.json()));
      // Nor may they change it: the same 404, and nothing changed.
      const close = await t.app.request(
        `/api/v1/contacts/${id}/close`,
        jsonPost(bjurholm, { outcome: 'forwarded' }),
      );
      expect(close.status).toBe(404);
      const { rows } = await t.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE contact_id = $1::uuid AND subject = 'demo:kc-bjurholm'`,
        [id],
      );
      expect(rows.map((r) => r.action)).toEqual(['contact.denied', 'contact.denied']);
      expect((await t.db.query(`SELECT status FROM contacts WHERE id = $1::uuid`, [id])).rows[0]).toEqual({
        status: 'open',
      });
    });

    it('refuses another municipality’s agent registering for it', async () => {
      const res = await t.app.request(
        '/api/v1/contacts',
        jsonPost(await t.tokenFor('kc-bjurholm'), umeaContact),
      );
      expect(res.status).toBe(403);
    });

    it('answers a case officer of the same municipality 404: contacts are the information center’s', async () => {
      const officer = await t.tokenFor('bygglov');
      expect((await t.app.request(`/api/v1/contacts/${id}`, bearer(officer))).status).toBe(404);
      expect((await t.app.request('/api/v1/contacts', jsonPost(officer, umeaContact))).status).toBe(403);
    });

    it('refuses citizens the endpoints (403) and shows them no contact', async () => {
      const citizen = await t.tokenFor('medborgare');
      expect((await t.app.request(`/api/v1/contacts/${id}`, bearer(citizen))).status).toBe(403);
      expect((await t.app.request('/api/v1/contacts', bearer(citizen))).status).toBe(403);
    });

    it('lets the municipality’s own admin read it, and no other municipality’s', async () => {
      const admin = findPersona('admin') as Persona;
      const own = await t.identity.issue({ ...admin, id: 'admin-umea', municipality: '2480' });
      const other = await t.identity.issue({ ...admin, id: 'admin-vannas', municipality: '2460' });
      expect((await t.app.request(`/api/v1/contacts/${id}`, bearer(own))).status).toBe(200);
      expect((await t.app.request(`/api/v1/contacts/${id}`, bearer(other))).status).toBe(404);
    });

    it('refuses a request without a token with 401', async () => {
      expect((await t.app.request(`/api/v1/contacts/${id}`)).status).toBe(401);
    });
  });

  describe('under an agreement whose domains include contacts', () => {
    let t: Awaited<ReturnType<typeof testApp>>;
    beforeAll(async () => {
      t = await testApp(backend, { policy: regionWithContacts() });
    });
    afterAll(async () => t.drop());

    it('lets the agreement partner register and read a served municipality’s contacts', async () => {
      const bjurholm = await t.tokenFor('kc-bjurholm');
      const created = await t.app.request('/api/v1/contacts', jsonPost(bjurholm, umeaContact));
      expect(created.status).toBe(201);
      const { id } = await created.json();
      expect((await t.app.request(`/api/v1/contacts/${id}`, bearer(bjurholm))).status).toBe(200);
      // And Umeå's own center reads it too.
      expect(
        (await t.app.request(`/api/v1/contacts/${id}`, bearer(await t.tokenFor('infocenter')))).status,
      ).toBe(200);
    });

    it('keeps officers out even where the policy lets them see every domain', async () => {
      const open = loadPolicy();
      const policy: Policy = {
        ...open,
        roles: { ...open.roles, officer: { '*': { visible: true, classes: ['public', 'internal'] } } },
      };
      const u = await testApp(backend, { policy, database: { db: t.db, drop: async () => {} } });
      const { id } = await (
        await u.app.request('/api/v1/contacts', jsonPost(await u.tokenFor('infocenter'), umeaContact))
      ).json();
      expect(
        (await u.app.request(`/api/v1/contacts/${id}`, bearer(await u.tokenFor('bygglov')))).status,
      ).toBe(404);
    });

    it('grants nothing through an agreement that does not list contacts', async () => {
      const u = await testApp(backend, {
        policy: loadPolicy(regionExamplePolicyFile()),
        database: { db: t.db, drop: async () => {} },
      });
      const umea = await u.tokenFor('infocenter');
      const { id } = await (await u.app.request('/api/v1/contacts', jsonPost(umea, umeaContact))).json();
      expect(
        (await u.app.request(`/api/v1/contacts/${id}`, bearer(await u.tokenFor('kc-bjurholm')))).status,
      ).toBe(404);
    });
  });
});
