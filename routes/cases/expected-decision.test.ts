/** Issue 16 item 2: the expected decision date, learned from the office's own history, in the API and on the case page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, NOW, testApp } from '../../test/support/app.js';
import { makeCase } from '../../test/support/cases.js';
import { backends } from '../../test/support/databases.js';
import { pageClient } from '../../test/support/page-client.js';

const DAY = 86_400_000;
const BYGGLOV = { code: 'BL', label: { sv: 'Bygglov', en: 'Building permit', ar: 'رخصة بناء' } };

describe.each(backends(import.meta.url))('the expected decision date on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const open = makeCase({
    sourceId: 'open-1',
    caseType: BYGGLOV,
    status: 'in_progress',
    receivedAt: '2026-05-04T09:00:00+02:00',
  });
  const young = makeCase({
    sourceId: 'open-2',
    caseType: { code: 'MARK', label: { sv: 'Marklov', en: 'Site permit', ar: 'رخصة أرض' } },
    status: 'in_progress',
    receivedAt: '2026-05-04T09:00:00+02:00',
  });

  beforeAll(async () => {
    t = await testApp(backend);
    // 24 decided building permits over the last year, 40 to 63 days each; 5 site permits.
    const decided = Array.from({ length: 24 }, (_, n) => {
      const decidedAt = new Date(NOW.getTime() - (5 + n * 14) * DAY).toISOString();
      return makeCase({
        sourceId: `done-${n}`,
        caseType: BYGGLOV,
        status: 'decided',
        receivedAt: new Date(Date.parse(decidedAt) - (40 + n) * DAY).toISOString(),
        decidedAt,
      });
    });
    const few = Array.from({ length: 5 }, (_, n) =>
      makeCase({
        sourceId: `mark-${n}`,
        caseType: young.caseType,
        status: 'decided',
        receivedAt: '2026-01-01T09:00:00+01:00',
        decidedAt: '2026-02-01T09:00:00+01:00',
      }),
    );
    await t.store.upsertMany([...decided, ...few, open, young]);
  });
  afterAll(async () => t.drop());

  it('gives staff the date with how it was computed, and none where the history is too thin', async () => {
    const token = await t.tokenFor('infocenter');
    const res = await t.app.request(`/api/v1/cases/${open.id}`, bearer(token));
    expect(res.status).toBe(200);
    const view = (await res.json()) as { expectedDecision?: unknown };
    // 40…63 days: the median is 51.5 → 52 days after 4 May, the 80th percentile 58.4 → 59.
    expect(view.expectedDecision).toEqual({
      median: '2026-06-25',
      likelyBy: '2026-07-02',
      medianDays: 52,
      p80Days: 59,
      basedOn: { cases: 24, decidedFrom: '2025-06-01', decidedTo: '2026-06-01' },
    });
    const thin = (await (await t.app.request(`/api/v1/cases/${young.id}`, bearer(token))).json()) as object;
    expect(thin).not.toHaveProperty('expectedDecision');
  });

  it('shows it on the staff case page beside the legal time limit, in the reader’s language', async () => {
    const browser = pageClient(t.app);
    await browser.signIn('infocenter');
    const sv = await browser.get(`/staff/arenden/${open.id}`);
    expect(sv.html).toContain('Väntat beslut');
    expect(sv.html).toContain('25 juni 2026');
    expect(sv.html).toContain('Beräknat på 24 ärenden');
    const ar = await browser.get(`/staff/arenden/${open.id}?lang=ar`);
    expect(ar.html).toContain('القرار المتوقع');
  });
});
