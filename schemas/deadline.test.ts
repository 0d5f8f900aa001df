import { describe, expect, it } from 'vitest';
import { deadlineState } from './deadline.js';

const deadline = { dueAt: '2026-05-11', basis: 'PBL 9 kap. 27 §', extended: false };

describe('deadlineState', () => {
  it.each([
    ['on the due day itself', '2026-05-11T20:00:00Z', false, 0, 0],
    ['one day late (first started week)', '2026-05-12T08:00:00Z', true, 1, 1],
    ['seven days late (still the first week)', '2026-05-18T08:00:00Z', true, 7, 1],
    ['eight days late (second started week)', '2026-05-19T08:00:00Z', true, 8, 2],
    ['well before', '2026-04-01T08:00:00Z', false, 0, 0],
  ])('%s', (_label, now, overdue, days, weeks) => {
    expect(deadlineState(deadline, new Date(now))).toMatchObject({
      overdue,
      daysOverdue: days,
      weeksOverdue: weeks,
    });
  });

  it('counts days in Stockholm time: 23:30 UTC on the due day is already the next day there', () => {
    // 2026-05-11T23:30Z is 01:30 on 12 May in Stockholm (CEST, UTC+2).
    expect(deadlineState(deadline, new Date('2026-05-11T23:30:00Z')).overdue).toBe(true);
    expect(deadlineState(deadline, new Date('2026-05-11T21:30:00Z')).overdue).toBe(false);
  });

  it('freezes lateness at the decision day once a decision is made', () => {
    const late = deadlineState(deadline, new Date('2026-08-01T08:00:00Z'), '2026-05-13T09:00:00+02:00');
    expect(late).toMatchObject({ overdue: true, daysOverdue: 2, weeksOverdue: 1 });
    const onTime = deadlineState(deadline, new Date('2026-08-01T08:00:00Z'), '2026-05-08T09:00:00+02:00');
    expect(onTime).toMatchObject({ overdue: false, weeksOverdue: 0 });
  });
});
