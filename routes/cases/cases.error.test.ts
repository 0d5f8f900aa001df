import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonPost, testApp } from '../../test/support/app.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let staff: string;

beforeAll(async () => {
  t = await testApp();
  staff = await t.tokenFor('infocenter');
});
afterAll(async () => t.drop());

const search = (body: unknown, headers: Record<string, string> = {}) =>
  t.app.request('/api/v1/cases/search', jsonPost(staff, body, headers));

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = await res.json();
  expect(body).toMatchObject({ type: `https://arendenav.se/problems/${type}`, status });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|node_modules/); // never a stack trace
  return body;
}

describe('bad input answers problem+json naming the field', () => {
  it.each([
    ['wrong check digit', '19900321-2388', 'check digit'],
    ['impossible date', '19901321-2380', 'valid date'],
    ['letters', '1990O321-2389', '10 or 12 digits'],
  ])('an invalid personnummer (%s) → 400 without echoing it', async (_label, pnr, reason) => {
    const body = await expectProblem(await search({ personnummer: pnr }), 400, 'validation');
    expect(body.errors).toEqual([{ field: 'personnummer', message: expect.stringContaining(reason) }]);
    expect(JSON.stringify(body)).not.toContain(pnr);
    expect(JSON.stringify(body)).not.toContain(pnr.replace('-', ''));
  });

  it.each([
    ['wrong check digit', '212000-2412', 'check digit'],
    ['wrong check digit, with 16', '162120002412', 'check digit'],
    ['a personnummer', '19900321-2389', '10 digits'],
    ['letters', '21200O-2411', '10 digits'],
  ])(
    'an invalid organisationsnummer (%s) → 400 naming the field without echoing it',
    async (_label, nr, reason) => {
      const body = await expectProblem(await search({ organisationsnummer: nr }), 400, 'validation');
      expect(body.errors).toEqual([
        { field: 'organisationsnummer', message: expect.stringContaining(reason) },
      ]);
      const text = JSON.stringify(body);
      for (const form of [nr, nr.replace('-', ''), nr.replace(/^16/, ''), nr.replace(/\D/g, '').slice(-10)])
        expect(text).not.toContain(form);
      expect(t.logLines.join('\n')).not.toContain(nr.replace(/\D/g, '').slice(-10));
    },
  );

  it('an unknown filter → 400 naming it', async () => {
    const body = await expectProblem(
      await search({ q: 'garage', filters: { colour: ['red'] } }),
      400,
      'validation',
    );
    expect(body.errors).toEqual([{ field: 'filters.colour', message: 'Unknown field' }]);
  });

  it('an unknown top-level field → 400 naming it', async () => {
    const body = await expectProblem(await search({ q: 'garage', sort: 'name' }), 400, 'validation');
    expect(body.errors).toContainEqual({ field: 'sort', message: 'Unknown field' });
  });

  it('an invalid status filter value → 400 naming the field', async () => {
    const body = await expectProblem(
      await search({ q: 'garage', filters: { status: ['lost'] } }),
      400,
      'validation',
    );
    expect(body.errors[0].field).toBe('filters.status.0');
  });

  it('no search key, or two at once → 400', async () => {
    await expectProblem(await search({}), 400, 'validation');
    const two = await expectProblem(await search({ reference: 'BN 1', q: 'garage' }), 400, 'validation');
    expect(two.errors[0].message).toMatch(
      /exactly one of reference, personnummer, organisationsnummer, property, q/,
    );
  });

  it('malformed JSON → 400 malformed-json', async () => {
    const body = await expectProblem(await search('{"reference": "BN'), 400, 'malformed-json');
    expect(body.errors).toEqual([{ field: '(body)', message: 'Malformed JSON' }]);
  });

  it('a body over 1 MB → 413', async () => {
    await expectProblem(await search({ q: 'x'.repeat(1024 * 1024 + 10) }), 413, 'payload-too-large');
  });

  it('a body that is not JSON → 415', async () => {
    await expectProblem(
      await search('reference=BN', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported-media-type',
    );
  });

  it('a forged cursor → 400 naming cursor', async () => {
    const body = await expectProblem(
      await search({ q: 'garage', cursor: 'eyJub3QiOiJvdXJzIn0' }),
      400,
      'validation',
    );
    expect(body.errors).toEqual([{ field: 'cursor', message: 'Ogiltig markör / Invalid cursor' }]);
  });

  it('a malformed case id → 400; an unknown one → 404', async () => {
    const auth = { headers: { authorization: `Bearer ${staff}` } };
    await expectProblem(await t.app.request('/api/v1/cases/not-a-uuid', auth), 400, 'validation');
    await expectProblem(
      await t.app.request('/api/v1/cases/00000000-0000-5000-8000-000000000000', auth),
      404,
      'not-found',
    );
  });

  it('an unknown path → 404 problem', async () => {
    await expectProblem(await t.app.request('/api/v1/nothing-here'), 404, 'not-found');
  });
});
