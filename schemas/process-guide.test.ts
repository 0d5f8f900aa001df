import { describe, expect, it } from 'vitest';
import { guideFor, type Process, ProcessSchema, processOf } from './process-guide.js';

const text = (sv: string) => ({ sv, en: sv, ar: sv });
const PERMIT: Process = ProcessSchema.parse({
  steps: [
    {
      id: 'application',
      statuses: ['received', 'registered'],
      label: text('Ansökan'),
      citizen: text('Inget'),
    },
    {
      id: 'supplements',
      optional: true,
      statuses: ['awaiting_applicant'],
      label: text('Komplettering'),
      citizen: text('Skicka'),
    },
    { id: 'review', statuses: ['in_progress'], label: text('Handläggning'), citizen: text('Inget') },
    { id: 'decision', statuses: ['decided', 'closed'], label: text('Beslut'), citizen: text('Läs') },
    {
      id: 'appeal',
      optional: true,
      statuses: ['appealed'],
      label: text('Överklagande'),
      citizen: text('Vänta'),
    },
  ],
});
const steps = (status: Parameters<typeof guideFor>[1], passed: string[] = []) =>
  guideFor(
    PERMIT,
    status,
    passed.map((code) => ({ code: code as never })),
  )?.steps.map((s) => `${s.id}:${s.state}`);

describe('the process guide', () => {
  it.each([
    ['a new case', 'received', [], ['application:current', 'review:upcoming', 'decision:upcoming']],
    [
      'asked for supplements: the optional step appears where it belongs',
      'awaiting_applicant',
      ['received'],
      ['application:done', 'supplements:current', 'review:upcoming', 'decision:upcoming'],
    ],
    [
      'under review after supplements: they stay as done',
      'in_progress',
      ['received', 'awaiting_applicant'],
      ['application:done', 'supplements:done', 'review:current', 'decision:upcoming'],
    ],
    [
      'under review without supplements: no such step',
      'in_progress',
      ['received'],
      ['application:done', 'review:current', 'decision:upcoming'],
    ],
    [
      'appealed',
      'appealed',
      ['received', 'in_progress', 'decided'],
      ['application:done', 'review:done', 'decision:done', 'appeal:current'],
    ],
  ] as const)('%s', (_name, status, passed, want) => {
    expect(steps(status, [...passed])).toEqual(want);
  });

  it('gives no guide for a status no step holds', () => {
    expect(guideFor(PERMIT, 'withdrawn', [])).toBeUndefined();
  });

  it('refuses a process that puts one status in two steps', () => {
    const twice = ProcessSchema.safeParse({
      steps: [
        { id: 'a', statuses: ['received'], label: text('A'), citizen: text('A') },
        { id: 'b', statuses: ['received'], label: text('B'), citizen: text('B') },
      ],
    });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.message).toBe('received is already in step a');
  });

  it('picks a case type’s own process before the one for every type', () => {
    const own = { ...PERMIT, caseTypes: ['ANM'] };
    expect(processOf([PERMIT, own], 'ANM')).toBe(own);
    expect(processOf([PERMIT, own], 'BL')).toBe(PERMIT);
    expect(processOf([own], 'BL')).toBeUndefined();
  });
});
