/**
 * Issue 14's property: for any sequence of register / forward / office answer / agent answer / close /
 * reopen, every contact keeps its owner (the agent who registered it, and it is in their follow-ups
 * while open), every step the API takes or refuses is the one a model of the rules predicts, and the
 * statistics equal a count made by hand from the model.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, jsonPost, testApp } from '../../test/support/app.js';
import { testClock } from '../../test/support/contact-stats-seed.js';
import { backends } from '../../test/support/databases.js';

const CLOSE_OUTCOMES = ['answered_directly', 'forwarded', 'callback_promised', 'referred_elsewhere'] as const;
type Outcome = (typeof CLOSE_OUTCOMES)[number];
type Model = { id: string; status: 'open' | 'closed'; outcome: Outcome | null; openTask: boolean };
type Op =
  | { kind: 'register' }
  | { kind: 'forward' | 'officerAnswer' | 'answer' | 'reopen'; target: number }
  | { kind: 'close'; target: number; outcome: Outcome };

// Few contacts, many steps on them: the interesting sequences are several steps on one contact.
const target = fc.nat({ max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'register' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'forward' as const,
        'officerAnswer' as const,
        'answer' as const,
        'reopen' as const,
      ),
      target,
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('close' as const),
      target,
      outcome: fc.constantFrom(...CLOSE_OUTCOMES),
    }),
    weight: 2,
  },
);

describe.each(backends(import.meta.url))('the contact register as a state machine on %s', (backend) => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let agent: string;
  let officer: string;
  const clock = testClock('2020-01-15T09:00:00Z');
  beforeAll(async () => {
    t = await testApp(backend, { now: clock.now });
    agent = await t.tokenFor('infocenter');
    officer = await t.tokenFor('bygglov');
  });
  afterAll(async () => t.drop());

  const call = (path: string, body: unknown, token = agent) => t.app.request(path, jsonPost(token, body));

  /** Runs one step against the API and the model, and checks the API took or refused it as the model says. */
  async function step(contacts: Model[], next: Op): Promise<void> {
    if (next.kind === 'register') {
      const res = await call('/api/v1/contacts', {
        municipality: '2480',
        channel: 'phone',
        topic: 'bygglov',
        question: 'När kommer beslutet?',
      });
      expect(res.status).toBe(201);
      contacts.push({ id: (await res.json()).id, status: 'open', outcome: null, openTask: false });
      return;
    }
    const c = contacts[next.target % contacts.length];
    if (!c) return;
    let res: Response;
    let allowed: boolean;
    if (next.kind === 'forward') {
      allowed = c.status === 'open' && !c.openTask;
      res = await call(`/api/v1/contacts/${c.id}/forward`, { office: 'BN', note: 'Kan ni svara?' });
      if (allowed) Object.assign(c, { outcome: 'forwarded', openTask: true });
    } else if (next.kind === 'officerAnswer') {
      const tasks = (await (await t.app.request('/api/v1/tasks', bearer(officer))).json()).items as {
        id: string;
        contactId: string;
        status: string;
      }[];
      const open = tasks.find((task) => task.contactId === c.id && task.status === 'open');
      expect(Boolean(open)).toBe(c.openTask);
      if (!open) return;
      allowed = true;
      res = await call(`/api/v1/tasks/${open.id}/answer`, { answer: 'Vecka 12.' }, officer);
      c.openTask = false;
    } else if (next.kind === 'answer') {
      allowed = c.status === 'open';
      res = await call(`/api/v1/contacts/${c.id}/answer`, { answer: 'Beslut väntas vecka 12.' });
    } else if (next.kind === 'close') {
      allowed = c.status === 'open';
      res = await call(`/api/v1/contacts/${c.id}/close`, { outcome: next.outcome });
      // Closing closes the office's open task with it.
      if (allowed) Object.assign(c, { status: 'closed', outcome: next.outcome, openTask: false });
    } else {
      allowed = c.status === 'closed';
      res = await call(`/api/v1/contacts/${c.id}/reopen`, {});
      if (allowed) c.status = 'open';
    }
    expect(res.status, `${next.kind} on a contact ${c.status}`).toBe(allowed ? 200 : 409);
  }

  it('keeps every contact owned, follows the rules, and counts what happened', async () => {
    let month = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        // Each run in a month of its own, so its statistics are its own.
        const start = new Date(Date.UTC(2020, month++, 1, 8));
        clock.set(start);
        const contacts: Model[] = [];
        for (const [i, next] of ops.entries()) {
          clock.set(new Date(start.getTime() + i * 60_000));
          await step(contacts, next);
          // Never without an owner: each open contact is in its agent's follow-ups, each row has its agent.
          const mine = (await (await t.app.request('/api/v1/contacts', bearer(agent))).json()).items as {
            id: string;
          }[];
          for (const c of contacts)
            expect(
              mine.some((m) => m.id === c.id),
              `${c.id} in my follow-ups`,
            ).toBe(c.status === 'open');
        }
        const owners = await t.db.query<{ owner: string }>(
          'SELECT DISTINCT owner_subject AS owner FROM contacts WHERE id = ANY($1::uuid[])',
          [contacts.map((c) => c.id)],
        );
        expect(owners.rows.map((r) => r.owner)).toEqual(contacts.length ? ['demo:infocenter'] : []);

        const day = start.toISOString().slice(0, 10);
        const res = await t.app.request(`/api/v1/stats?period=month&from=${day}&to=${day}`, bearer(agent));
        expect(res.status).toBe(200);
        const [total] = (await res.json()).totals;
        const count = (outcome: Outcome) => contacts.filter((c) => c.outcome === outcome).length;
        if (contacts.length === 0) expect(total).toBeUndefined();
        else
          expect(total).toMatchObject({
            contacts: contacts.length,
            answeredDirectly: count('answered_directly'),
            forwarded: count('forwarded'),
            callbackPromised: count('callback_promised'),
            referredElsewhere: count('referred_elsewhere'),
          });
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
