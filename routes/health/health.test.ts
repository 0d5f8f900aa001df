import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.drop().catch(() => {}));

describe('operations endpoints', () => {
  it('is alive and ready while the store answers', async () => {
    expect(await (await t.app.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.request('/readyz')).status).toBe(200);
  });

  it('does not serve /metrics on the main listener without a metrics token', async () => {
    // Regression: /metrics here answered anyone, with per-source sync counts and freshness.
    expect((await t.app.request('/metrics')).status).toBe(404);
  });

  it('serves an OpenAPI 3.1 document with exactly the v1 paths', async () => {
    const doc = await (await t.app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/audit',
      '/api/v1/audit/person',
      '/api/v1/cases/search',
      '/api/v1/cases/{id}',
      '/api/v1/contacts',
      '/api/v1/contacts/{id}',
      '/api/v1/contacts/{id}/answer',
      '/api/v1/contacts/{id}/close',
      '/api/v1/contacts/{id}/forward',
      '/api/v1/contacts/{id}/reopen',
      '/api/v1/knowledge',
      '/api/v1/knowledge/suggest',
      '/api/v1/knowledge/{id}',
      '/api/v1/knowledge/{id}/publish',
      '/api/v1/knowledge/{id}/submit',
      '/api/v1/knowledge/{id}/withdraw',
      '/api/v1/mappings',
      '/api/v1/me/cases',
      '/api/v1/me/cases/{id}',
      '/api/v1/me/cases/{id}/readers',
      '/api/v1/sources',
      '/api/v1/sources/{id}/quarantine',
      '/api/v1/sources/{id}/sync',
      '/api/v1/stats',
      '/api/v1/stats.csv',
      '/api/v1/stats/volumes/{municipality}/{month}',
      '/api/v1/subscriptions',
      '/api/v1/subscriptions/{id}',
      '/api/v1/subscriptions/{id}/deliveries',
      '/api/v1/subscriptions/{id}/replay',
      '/api/v1/subscriptions/{id}/secret',
      '/api/v1/tasks',
      '/api/v1/tasks/{id}',
      '/api/v1/tasks/{id}/answer',
      '/healthz',
      '/readyz',
    ]);
    expect(doc.components.schemas.CaseView).toBeDefined();
    expect((await t.app.request('/docs')).headers.get('content-type')).toContain('text/html');
  });

  it('stops being ready when the store is gone, with a 503 problem', async () => {
    await t.db.close();
    const res = await t.app.request('/readyz');
    expect(res.status).toBe(503);
    expect((await res.json()).type).toBe('https://arendenav.se/problems/store-unavailable');
  });
});
