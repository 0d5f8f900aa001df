/**
 * The staff case page opens with the answer to the call: status and since when, who holds the ball
 * and what is awaited in staff words, the deadline, the handler with phone and e-mail, the last event;
 * the citizen's page keeps the words addressed to them and has no such block.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/support/app.js';
import { makeCase } from '../test/support/cases.js';
import { fixtureCases } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
let t: Ctx;
let waiting: ReturnType<typeof makeCase>;
const text = (sv: string) => ({ sv, en: sv, ar: sv });

beforeAll(async () => {
  t = await testApp();
  const maja = fixtureCases(t.personRefs).garage.parties;
  waiting = makeCase({
    sourceId: '140',
    reference: 'BN 2026-000140',
    status: 'awaiting_applicant',
    statusSince: '2026-05-04T08:00:00.000Z',
    updatedAt: '2026-05-20T08:00:00.000Z',
    parties: maja,
    handler: {
      name: 'Anna Handläggare',
      unit: 'Bygglovsenheten',
      contact: { phone: '090-16 12 34', email: 'anna@umea.example' },
    },
    awaiting: { who: 'applicant', what: text('Kompletterande handlingar från dig') },
    nextStep: text('Skicka in handlingarna.'),
    staffTexts: {
      what: text('Kompletterande handlingar från sökanden'),
      nextStep: text('Sökanden ska skicka in handlingarna.'),
    },
    deadline: { dueAt: '2026-07-10', basis: 'PBL 9 kap. 27 §', extended: false },
    documents: [
      { title: 'Föreläggande om komplettering', kind: 'KOMP', receivedAt: '2026-05-18T08:00:00.000Z' },
    ],
  });
  await t.store.upsertMany([waiting]);
});
afterAll(async () => t.drop());

async function signedIn(persona: string) {
  const browser = pageClient(t.app);
  await browser.signIn(persona);
  return browser;
}

describe('the staff case page’s answer block', () => {
  it('comes first and answers the call in staff words', async () => {
    const { html } = await (await signedIn('infocenter')).get(`/staff/arenden/${waiting.id}`);
    const block = html.slice(html.indexOf('class="panel status-panel answer"'));
    const answer = block.slice(0, block.indexOf('</section>'));
    // Before every other panel of the page: the first thing after the heading.
    const at = html.indexOf('class="panel status-panel answer"');
    expect(at).toBeGreaterThan(html.indexOf('<h1'));
    expect(html.indexOf('class="panel')).toBe(at);
    expect(answer).toContain('<strong>Väntar på komplettering</strong>');
    expect(answer).toContain('sedan 4 maj 2026');
    expect(answer).toContain('<dt>Vem har bollen?</dt><dd>Den sökande</dd>');
    expect(answer).toContain('Kompletterande handlingar från sökanden');
    expect(answer).toContain('Sökanden ska skicka in handlingarna.');
    expect(answer).toContain('Beslut senast 10 juli 2026');
    expect(answer).toContain('Anna Handläggare, Bygglovsenheten');
    expect(answer).toContain('href="tel:090161234"');
    expect(answer).toContain('href="mailto:anna@umea.example"');
    expect(answer).toContain('Senaste händelse');
    expect(answer).toContain('Handling inkom: Föreläggande om komplettering');
    expect(html).not.toContain('från dig');
  });

  it('is not on the citizen’s page, which keeps the words addressed to them', async () => {
    const { html } = await (await signedIn('medborgare')).get(`/mina-arenden/arenden/${waiting.id}`);
    expect(html).not.toContain('status-panel answer');
    expect(html).toContain('Kompletterande handlingar från dig');
    expect(html).not.toContain('från sökanden');
  });
});
