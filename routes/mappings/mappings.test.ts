/** GET /api/v1/mappings: each admin the mappings of the municipality they administer, no other's. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedMappingsDir } from '../../mappings/location.js';
import { loadMappingRegistry } from '../../mappings/registry.js';
import { bearer, testApp } from '../../test/support/app.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
const registry = loadMappingRegistry(shippedMappingsDir());

beforeAll(async () => {
  t = await testApp('pglite', { mappings: registry });
});
afterAll(async () => t.drop());

async function listed(token: string): Promise<{ status: number; codes: string[] }> {
  const res = await t.app.request('/api/v1/mappings', bearer(token));
  if (res.status !== 200) return { status: res.status, codes: [] };
  const { items } = (await res.json()) as { items: { municipality: { code: string } }[] };
  return { status: 200, codes: [...new Set(items.map((m) => m.municipality.code))] };
}

const adminOf = (municipality?: string) =>
  t.identity.issue({
    id: 'test-admin',
    label: 'Test',
    description: { sv: 'Test', en: 'Test', ar: 'Test' },
    role: 'admin',
    ...(municipality ? { municipality } : {}),
  });

describe('mappings API', () => {
  it('lists an admin the mappings of their own municipality only', async () => {
    // The shipped mappings serve several municipalities: the filter has something to hold back.
    expect(new Set(registry.list().map((m) => m.municipality.code)).size).toBeGreaterThan(1);
    // Regression: any admin of the region was listed every municipality's mappings (its systems and
    // that it has a social-services source), as GET /api/v1/sources listed its sources.
    expect(await listed(await t.tokenFor('admin'))).toEqual({ status: 200, codes: ['2480'] });
    expect(await listed(await adminOf('2460'))).toEqual({ status: 200, codes: ['2460'] });
    expect(await listed(await adminOf())).toEqual({ status: 200, codes: [] });
  });

  it('refuses everyone but admins', async () => {
    expect((await listed(await t.tokenFor('infocenter'))).status).toBe(403);
    expect((await listed(await t.tokenFor('medborgare'))).status).toBe(403);
  });
});
