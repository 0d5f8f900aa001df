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

  it('serves Prometheus metrics labelled by route pattern, never by raw id', async () => {
    await t.app.request('/api/v1/cases/00000000-0000-5000-8000-000000000000');
    const res = await t.app.request('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain(
      'arendenav_http_requests_total{method="GET",route="/api/v1/cases/:id",status="401"} 1',
    );
    expect(text).not.toContain('00000000-0000-5000-8000-000000000000');
  });

  it('serves an OpenAPI 3.1 document with exactly the v1 paths', async () => {
    const doc = await (await t.app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/audit',
      '/api/v1/cases/search',
      '/api/v1/cases/{id}',
      '/api/v1/mappings',
      '/api/v1/me/cases',
      '/api/v1/me/cases/{id}',
      '/api/v1/sources',
      '/api/v1/sources/{id}/quarantine',
      '/api/v1/sources/{id}/sync',
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
