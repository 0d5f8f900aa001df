/**
 * What is awaited and the next step in each reader's words: staff read the mapping's staff texts
 * (about the applicant), citizens the texts addressed to them; without staff texts both read the same.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../app/principal.js';
import { makeCase } from '../test/support/cases.js';
import { loadPolicy } from './load-policy.js';
import { toCaseSummary, toCaseView } from './serialize.js';

const policy = loadPolicy();
const REF = `pr1_${'W'.repeat(43)}`;
const staff: Principal = { kind: 'staff', subject: 'i', role: 'infocenter', municipality: '2480' };
const citizen: Principal = {
  kind: 'citizen',
  subject: 'c',
  role: 'citizen',
  personRef: REF,
  personRefs: [REF],
};
const text = (sv: string) => ({ sv, en: sv, ar: sv });

const waiting = makeCase({
  status: 'awaiting_applicant',
  parties: [{ role: 'applicant', personRef: REF, protectedIdentity: false }],
  awaiting: { who: 'applicant', what: text('Handlingar från dig') },
  nextStep: text('Skicka in handlingarna.'),
  staffTexts: {
    what: text('Handlingar från sökanden'),
    nextStep: text('Sökanden ska skicka in handlingarna.'),
  },
});
const ctx = (principal: Principal) => ({
  principal,
  policy,
  now: new Date('2026-03-03T10:00:00Z'),
  staleAfterSeconds: 3600,
});

describe('audience texts', () => {
  it('gives staff the staff wording, on the case view and the result row', () => {
    const view = toCaseView({ case: waiting, history: [] }, ctx(staff));
    expect(view.awaiting).toEqual({ who: 'applicant', what: text('Handlingar från sökanden') });
    expect(view.nextStep).toEqual(text('Sökanden ska skicka in handlingarna.'));
    expect(toCaseSummary(waiting, ctx(staff)).awaiting?.what?.sv).toBe('Handlingar från sökanden');
  });

  it('gives the citizen the words addressed to them', () => {
    const view = toCaseView({ case: waiting, history: [] }, ctx(citizen));
    expect(view.awaiting?.what?.sv).toBe('Handlingar från dig');
    expect(view.nextStep?.sv).toBe('Skicka in handlingarna.');
    expect(JSON.stringify(view)).not.toContain('sökanden');
  });

  it('falls back to the one wording a mapping without staff texts gives', () => {
    const { staffTexts: _s, ...plain } = waiting;
    const view = toCaseView({ case: plain, history: [] }, ctx(staff));
    expect(view.awaiting?.what?.sv).toBe('Handlingar från dig');
    expect(view.nextStep?.sv).toBe('Skicka in handlingarna.');
  });
});
