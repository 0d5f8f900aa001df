/**
 * Contacts for the statistics tests, registered, answered and closed through the API at chosen times
 * (the app's clock is moved between steps), across the switch to summer time (2026-03-29) and month
 * ends where Swedish time and UTC disagree. EXPECTED holds the figures counted by hand from SEED.
 */
import type { Persona } from '../../demo/personas.js';
import { jsonPost, type testApp } from './app.js';

export type SeededContact = {
  /** Registration time (UTC). */
  at: string;
  municipality?: string;
  channel: 'phone' | 'email' | 'visit' | 'letter' | 'web';
  topic: string;
  /** Seconds after registration the answer is recorded; 0: given with the registration. */
  answerAfter?: number;
  /** Outcomes of successive closings (reopened between them); none: left open. */
  closings?: ('answered_directly' | 'forwarded' | 'callback_promised' | 'referred_elsewhere')[];
};

export const SEED: readonly SeededContact[] = [
  // 2026-03-01 00:30 in Sweden (CET): March, ISO week 9, though still February in UTC.
  {
    at: '2026-02-28T23:30:00Z',
    channel: 'phone',
    topic: 'bygglov',
    answerAfter: 60,
    closings: ['answered_directly'],
  },
  {
    at: '2026-03-10T09:00:00Z',
    channel: 'phone',
    topic: 'bygglov',
    answerAfter: 120,
    closings: ['answered_directly'],
  },
  // Monday 2026-03-30 00:30 in Sweden (CEST since the 29th): week 14, though Sunday (week 13) in UTC.
  {
    at: '2026-03-29T22:30:00Z',
    channel: 'email',
    topic: 'skola',
    answerAfter: 600,
    closings: ['callback_promised'],
  },
  // 2026-04-01 00:30 in Sweden: April, though March in UTC.
  { at: '2026-03-31T22:30:00Z', channel: 'phone', topic: 'bygglov', closings: ['referred_elsewhere'] },
  {
    at: '2026-04-15T12:00:00Z',
    channel: 'visit',
    topic: 'avfall',
    answerAfter: 0,
    closings: ['answered_directly'],
  },
  { at: '2026-04-15T13:00:00Z', channel: 'phone', topic: 'bygglov', closings: ['forwarded'] },
  {
    at: '2026-04-16T08:00:00Z',
    channel: 'phone',
    topic: 'bygglov',
    answerAfter: 300,
    closings: ['answered_directly', 'callback_promised'],
  },
  { at: '2026-04-20T07:00:00Z', channel: 'web', topic: 'ovrigt' },
  // Vännäs: never in Umeå's figures.
  {
    at: '2026-03-10T10:00:00Z',
    municipality: '2460',
    channel: 'phone',
    topic: 'bygglov',
    answerAfter: 30,
    closings: ['answered_directly'],
  },
  // A known set for the median and 90th percentile: 10, 20, 30, 40, 100 seconds (May, letters about streets).
  ...[10, 20, 30, 40, 100].map((s, i) => ({
    at: `2026-05-0${i + 4}T08:00:00Z`,
    channel: 'letter' as const,
    topic: 'gata',
    answerAfter: s,
    closings: ['answered_directly' as const],
  })),
];

/** Umeå's figures by month, counted by hand from SEED. */
export const EXPECTED_MONTHS = {
  '2026-03': {
    contacts: 3,
    answeredDirectly: 2,
    forwarded: 0,
    referredElsewhere: 0,
    callbackPromised: 1,
    medianSecondsToAnswer: 120,
    p90SecondsToAnswer: 504,
  },
  '2026-04': {
    contacts: 5,
    answeredDirectly: 1,
    forwarded: 1,
    referredElsewhere: 1,
    callbackPromised: 1,
    medianSecondsToAnswer: 150,
    p90SecondsToAnswer: 270,
  },
  // percentile_cont over 10, 20, 30, 40, 100: the median is 30; the 90th percentile 40 + 0.6 × 60 = 76.
  '2026-05': {
    contacts: 5,
    answeredDirectly: 5,
    forwarded: 0,
    referredElsewhere: 0,
    callbackPromised: 0,
    medianSecondsToAnswer: 30,
    p90SecondsToAnswer: 76,
  },
} as const;

/** Umeå's contacts by ISO week (Swedish time), counted by hand from SEED. */
export const EXPECTED_WEEKS = {
  '2026-W09': 1,
  '2026-W11': 1,
  '2026-W14': 2,
  '2026-W16': 3,
  '2026-W17': 1,
  '2026-W19': 5,
} as const;

export const VANNAS_AGENT: Persona = {
  id: 'kc-vannas',
  role: 'infocenter',
  label: 'Test',
  description: { sv: 'Test', en: 'Test', ar: 'Test' },
  office: 'KC',
  municipality: '2460',
};

/** A mutable clock for testApp's `now`. */
export function testClock(start = '2026-06-01T10:00:00Z') {
  let now = new Date(start);
  return {
    now: () => now,
    set(at: string | Date) {
      now = new Date(at);
    },
  };
}

/** Registers SEED through the API as `tokens[municipality]`, moving `clock` for each step. */
export async function seedContacts(
  t: Awaited<ReturnType<typeof testApp>>,
  clock: ReturnType<typeof testClock>,
  tokens: Record<string, string>,
  seed: readonly SeededContact[] = SEED,
): Promise<void> {
  for (const s of seed) {
    const municipality = s.municipality ?? '2480';
    const token = tokens[municipality] as string;
    const start = new Date(s.at);
    clock.set(start);
    const res = await t.app.request(
      '/api/v1/contacts',
      jsonPost(token, {
        municipality,
        channel: s.channel,
        topic: s.topic,
        question: 'En fråga.',
        ...(s.answerAfter === 0 ? { answer: 'Svar.' } : {}),
      }),
    );
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    let at = start.getTime();
    const post = async (path: string, body: unknown) => {
      at += 1000;
      clock.set(new Date(at));
      const r = await t.app.request(`/api/v1/contacts/${id}/${path}`, jsonPost(token, body));
      if (r.status !== 200) throw new Error(`seeding ${path} failed: ${r.status}`);
    };
    if (s.answerAfter) {
      at = start.getTime() + s.answerAfter * 1000 - 1000;
      await post('answer', { answer: 'Svar.' });
    }
    for (const [i, outcome] of (s.closings ?? []).entries()) {
      if (i > 0) await post('reopen', {});
      await post('close', { outcome });
    }
  }
}
