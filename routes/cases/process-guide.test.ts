/** Issue 16 item 2: the process guide of a case type, declared in its mapping, with "you are here", in the API and on both case pages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedMappingsDir } from '../../mappings/location.js';
import { loadMappingRegistry } from '../../mappings/registry.js';
import { bearer, testApp } from '../../test/support/app.js';
import { makeCase } from '../../test/support/cases.js';
import { backends } from '../../test/support/databases.js';
import { PNR_MAJA } from '../../test/support/fixtures.js';
import { pageClient } from '../../test/support/page-client.js';

describe.each(backends(import.meta.url))('the process guide on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let permit: ReturnType<typeof makeCase>;

  beforeAll(async () => {
    t = await testApp(backend, { mappings: loadMappingRegistry(shippedMappingsDir()) });
    permit = makeCase({
      sourceId: 'guide-1',
      status: 'awaiting_applicant',
      awaiting: { who: 'applicant' },
      statusHistory: [
        { code: 'received', sourceCode: 'RECEIVED', since: '2026-05-01T08:00:00.000Z' },
        { code: 'awaiting_applicant', sourceCode: 'AWAITING_APPLICANT', since: '2026-03-02T09:15:00.000Z' },
      ],
      parties: [
        {
          role: 'applicant',
          personRef: t.personRefs.fromInput(PNR_MAJA) as string,
          protectedIdentity: false,
        },
      ],
    });
    permit = {
      ...permit,
      source: { ...makeCase({ sourceId: 'guide-1' }).source, mappingId: 'byggr-arendeexport/bygglov' },
    };
    await t.store.upsertMany([permit]);
  });
  afterAll(async () => t.drop());

  it('gives the steps with the one the case is at, from the ByggR mapping', async () => {
    const view = (await (
      await t.app.request(`/api/v1/cases/${permit.id}`, bearer(await t.tokenFor('infocenter')))
    ).json()) as {
      process?: { steps: { id: string; state: string }[] };
    };
    expect(view.process?.steps.map((s) => `${s.id}:${s.state}`)).toEqual([
      'application:done',
      'supplements:current',
      'review:upcoming',
      'decision:upcoming',
    ]);
  });

  it('tells the citizen "you are here" and what they do, and staff where the case is, in each language', async () => {
    const citizen = pageClient(t.app);
    await citizen.signIn('medborgare');
    const mine = await citizen.get(`/mina-arenden/arenden/${permit.id}`);
    expect(mine.res.status).toBe(200);
    expect(mine.html).toContain('Så går ärendet till');
    expect(mine.html).toMatch(
      /aria-current="step"[^>]*>\s*<strong>Komplettering<\/strong>\s*<span class="you-are-here">Du är här/,
    );
    const staff = pageClient(t.app);
    await staff.signIn('infocenter');
    const en = await staff.get(`/staff/arenden/${permit.id}?lang=en`);
    expect(en.html).toContain('The case is here');
    expect(en.html).toContain('The applicant: Send in what the letter about supplements asks for');
  });
});
