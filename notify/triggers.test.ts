import { describe, expect, it } from 'vitest';
import type { CaseEventData } from '../store/case-change.js';
import { changeOf } from './triggers.js';

const AT = '2026-06-01T09:00:00.000Z';
const SINCE = '2026-06-01T07:30:00.000Z';
const updated = (data: Omit<CaseEventData, 'changed'> & { changed: CaseEventData['changed'] }) =>
  changeOf({ type: 'updated', data, occurredAt: AT });

describe('which changes a citizen is told about', () => {
  it('action required: the status turning to awaiting_applicant, keyed by when it did', () => {
    expect(
      updated({
        changed: ['status'],
        status: { code: 'awaiting_applicant', previous: 'in_progress', since: SINCE },
      }),
    ).toEqual({ trigger: 'action_required', changeAt: SINCE });
  });

  it('action required: the ball passing to the applicant is the same change while the status awaits them', () => {
    expect(
      updated({
        changed: ['awaiting'],
        status: { code: 'awaiting_applicant', previous: 'awaiting_applicant', since: SINCE },
        awaiting: { who: 'applicant', previous: null },
      }),
    ).toEqual({ trigger: 'action_required', changeAt: SINCE });
    // Under another status, it is a change of its own, at the time it happened.
    expect(
      updated({
        changed: ['awaiting'],
        status: { code: 'in_progress', previous: 'in_progress', since: SINCE },
        awaiting: { who: 'applicant', previous: 'office' },
      }),
    ).toEqual({ trigger: 'action_required', changeAt: AT });
  });

  it('a decision', () => {
    expect(
      updated({ changed: ['status'], status: { code: 'decided', previous: 'in_progress', since: SINCE } }),
    ).toEqual({ trigger: 'decision', changeAt: SINCE });
  });

  it('a deadline passed, keyed by its due date', () => {
    expect(
      changeOf({
        type: 'deadline_passed',
        data: {
          changed: ['deadline'],
          deadline: { dueAt: '2026-05-30', extended: false, previousDueAt: '2026-05-30' },
        },
        occurredAt: '2026-05-30T22:00:00.000Z',
      }),
    ).toEqual({ trigger: 'deadline_passed', changeAt: '2026-05-30' });
  });

  it('nothing for other changes, a case new to the hub, or a removed case', () => {
    expect(
      updated({ changed: ['status'], status: { code: 'in_progress', previous: 'registered', since: SINCE } }),
    ).toBeNull();
    expect(updated({ changed: ['documents'], documents: { count: 2, previous: 1 } })).toBeNull();
    expect(
      updated({
        changed: ['awaiting'],
        status: { code: 'awaiting_applicant', previous: 'awaiting_applicant', since: SINCE },
        awaiting: { who: 'office', previous: 'applicant' },
      }),
    ).toBeNull();
    const created = {
      changed: ['status'] as CaseEventData['changed'],
      status: { code: 'awaiting_applicant', previous: null, since: SINCE },
    };
    expect(changeOf({ type: 'created', data: created, occurredAt: AT })).toBeNull();
    expect(changeOf({ type: 'deleted', data: { changed: [] }, occurredAt: AT })).toBeNull();
  });
});
