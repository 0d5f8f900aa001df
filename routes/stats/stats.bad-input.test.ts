import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../../test/support/app.js';
import { backends } from '../../test/support/databases.js';

describe.each(backends(import.meta.url))('bad statistics requests on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  beforeAll(async () => {
    t = await testApp(backend);
    agent = await t.tokenFor('infocenter');
  });
  afterAll(async () => t.drop());

  const fields = async (res: Response) => {
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body.type).toBe('https://arendenav.se/problems/unprocessable');
    return body.errors.map((e: { field: string }) => e.field);
  };
  const get = (query: string) => t.app.request(`/api/v1/stats?${query}`, bearer(agent));

  it.each([
    ['a range that ends before it starts', 'from=2026-05-01&to=2026-04-30', ['to']],
    ['an unknown period', 'period=year', ['period']],
    ['a range over three years', 'from=2020-01-01&to=2023-01-01', ['to']],
    ['a date that is not one', 'from=2026-02-30', ['from']],
    ['an unknown channel', 'channel=fax', ['channel']],
    ['a malformed municipality', 'municipality=umea', ['municipality']],
    ['an unknown parameter', 'q=x', ['q']],
  ])('answers %s with 422 naming the field', async (_name, query, expected) => {
    expect(await fields(await get(query))).toEqual(expected);
    // The CSV address validates the same way.
    expect(await fields(await t.app.request(`/api/v1/stats.csv?${query}`, bearer(agent)))).toEqual(expected);
  });

  it('counts the defaults into the range: a `from` over three years before today is refused too', async () => {
    // Today is 2026-06-01 (the test clock): to defaults to it.
    expect(await fields(await get('from=2023-05-31'))).toEqual(['to']);
    expect((await get('from=2023-06-02')).status).toBe(200);
  });

  it('refuses a bad month total with 422 naming the field, and stores nothing', async () => {
    const put = (path: string, body: string) =>
      t.app.request(path, {
        method: 'PUT',
        headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
        body,
      });
    expect(await fields(await put('/api/v1/stats/volumes/2480/2026-13', '{"total":5}'))).toEqual(['month']);
    expect(await fields(await put('/api/v1/stats/volumes/2480/2026-03', '{"total":-1}'))).toEqual(['total']);
    expect(await fields(await put('/api/v1/stats/volumes/2480/2026-03', '{"total":1.5}'))).toEqual(['total']);
    expect(await fields(await put('/api/v1/stats/volumes/2480/2026-03', '{}'))).toEqual(['total']);
    expect((await t.db.query('SELECT 1 FROM contact_volumes')).rows).toEqual([]);
  });
});
