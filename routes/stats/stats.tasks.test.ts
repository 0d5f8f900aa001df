/**
 * The figures that come from forwarding and the knowledge base, counted by hand: a forwarded contact
 * counts under its office, is overdue when its office answers after the due time, and its time to
 * answer runs to the office's answer; an answer taken from a published entry counts as from the
 * knowledge base.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersona, type Persona } from '../../demo/personas.js';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { testClock } from '../../test/support/contact-stats-seed.js';
import { backends } from '../../test/support/databases.js';

type Row = Record<string, unknown> & { office: string | null };

describe.each(backends(import.meta.url))('statistics of forwarded and knowledge answers on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  let officer: string;
  const clock = testClock('2026-03-02T08:00:00Z'); // a Monday, 09:00 in Umeå
  beforeAll(async () => {
    t = await testApp(backend, { now: clock.now });
    agent = await t.tokenFor('infocenter');
    officer = await t.tokenFor('bygglov');
  });
  afterAll(async () => t.drop());

  const post = async (path: string, body: unknown, token = agent) => {
    const res = await t.app.request(path, jsonPost(token, body));
    expect(res.status, path).toBeLessThan(300);
    return res.json();
  };
  const register = (question: string, extra: Record<string, unknown> = {}) =>
    post('/api/v1/contacts', {
      municipality: '2480',
      channel: 'phone',
      topic: 'bygglov',
      question,
      ...extra,
    });

  it('counts forwarded contacts under their office, overdue ones, office answers and knowledge answers', async () => {
    const reviewer = await t.identity.issue({ ...(findPersona('infocenter') as Persona), id: 'kc-umea-2' });
    const entry = await post('/api/v1/knowledge', {
      municipality: '2480',
      topic: 'bygglov',
      question: { sv: 'Behöver jag bygglov för ett garage?' },
      answer: { sv: 'Ett garage större än attefallsmåtten kräver bygglov.' },
    });
    await post(`/api/v1/knowledge/${entry.id}/submit`, {});
    await post(`/api/v1/knowledge/${entry.id}/publish`, {}, reviewer);

    // 1: answered directly from the knowledge base during the call, and closed.
    const direct = await register('Garage utan bygglov?', {
      answer: 'Ett garage större än attefallsmåtten kräver bygglov.',
      knowledgeEntry: entry.id,
    });
    await post(`/api/v1/contacts/${direct.id}/close`, { outcome: 'answered_directly' });
    // 2: forwarded to BN and answered by the office within the norm (5 working days in the demo's file
    //    or fewer): 1 hour later.
    const inTime = await register('När kommer beslutet?');
    await post(`/api/v1/contacts/${inTime.id}/forward`, { office: 'BN', note: 'Kan ni svara?' });
    clock.set('2026-03-02T09:00:00Z');
    const [inTimeTask] = (await (await t.app.request('/api/v1/tasks', bearer(officer))).json()).items;
    await post(`/api/v1/tasks/${inTimeTask.id}/answer`, { answer: 'Vecka 12.' }, officer);
    // 3: forwarded and answered a month later: overdue.
    const late = await register('Varför dröjer det?');
    await post(`/api/v1/contacts/${late.id}/forward`, { office: 'BN', note: 'Kan ni svara?' });
    clock.set('2026-03-30T09:00:00Z');
    const [lateTask] = (await (await t.app.request('/api/v1/tasks', bearer(officer))).json()).items.filter(
      (task: { status: string }) => task.status === 'open',
    );
    await post(`/api/v1/tasks/${lateTask.id}/answer`, { answer: 'Beslut fattat.' }, officer);
    clock.set('2026-06-01T10:00:00Z');

    const res = await t.app.request(
      '/api/v1/stats?period=month&from=2026-03-01&to=2026-03-31',
      bearer(agent),
    );
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.totals).toEqual([
      expect.objectContaining({
        period: '2026-03',
        contacts: 3,
        forwarded: 2,
        overdue: 1,
        answeredFromKnowledge: 1,
      }),
    ]);
    const byOffice = Object.fromEntries(report.cells.map((c: Row) => [c.office ?? 'center', c]));
    expect(byOffice.center).toMatchObject({
      contacts: 1,
      answeredDirectly: 1,
      answeredFromKnowledge: 1,
      overdue: 0,
    });
    // Time to answer: the center's at once (0 s), the office's after 1 h and after 28 days.
    expect(byOffice.BN).toMatchObject({ contacts: 2, forwarded: 2, overdue: 1, answeredFromKnowledge: 0 });
    expect(byOffice.BN.medianSecondsToAnswer).toBe((3600 + 28 * 86_400) / 2);
  });
});
