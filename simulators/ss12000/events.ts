/** One step of simulated time in one municipality: offers, accepted places, changes, moves, mistakes and their deletion. */
import { DateTime } from 'luxon';
import { localDate, ZONE } from '../case-data/clock.js';
import type { Random } from '../case-data/random.js';
import { localMs } from './households.js';
import { simUuid } from './ids.js';
import type { Deletion, PersonRecord, PlacementRecord, QueueEntry, Reason } from './model.js';
import type { SchoolUnit, Ss12000Municipality } from './units.js';

export type MunicipalityState = {
  muni: Ss12000Municipality;
  persons: Map<string, PersonRecord>;
  placements: Map<string, PlacementRecord>;
  deletions: Deletion[];
  queue: QueueEntry[];
  rng: Random;
  seed: number;
  /** Running number for new placement ids. */
  next: number;
};

export type Change = {
  municipality: string;
  type: 'Placement' | 'Person';
  id: string;
  change: 'created' | 'modified' | 'deleted';
};

const DAY_MS = 86_400_000;

export function addPlacement(
  s: MunicipalityState,
  child: PersonRecord,
  unit: SchoolUnit,
  startDate: string,
  at: number,
  reason: Reason,
): PlacementRecord {
  const record: PlacementRecord = {
    id: simUuid(s.seed, s.muni.code, 'placement', s.next++),
    created: at,
    modified: at,
    unitId: unit.id,
    groupId: s.rng.pick(unit.groups).id,
    childId: child.id,
    ownerIds: child.responsibles.filter((r) => r.relation === 'guardian').map((r) => r.personId),
    schoolType: unit.schoolType,
    startDate,
    reason,
    hours: unit.schoolType === 'FS' ? s.rng.int(3, 9) * 5 : s.rng.int(2, 5) * 5,
  };
  s.placements.set(record.id, record);
  return record;
}

function unitsOf(s: MunicipalityState, type: 'FS' | 'FTH'): SchoolUnit[] {
  return s.muni.units.filter((u) => u.schoolType === type);
}

/** A date next month (placements start on the 1st; ends fall on the 15th). */
function nextMonth(at: number, day: number): string {
  return DateTime.fromMillis(at, { zone: ZONE }).plus({ months: 1 }).set({ day }).toFormat('yyyy-MM-dd');
}

function isActive(p: PlacementRecord, today: string): boolean {
  return !p.mistake && (p.endDate === undefined || p.endDate >= today);
}

/** Moves one municipality to `at` (whole seconds); `activity` scales how much happens. */
export function step(s: MunicipalityState, at: number, activity: number): Change[] {
  const changes: Change[] = [];
  const code = s.muni.code;
  const { rng } = s;
  const today = localDate(at);
  const touch = (p: PlacementRecord) => {
    p.modified = at;
    changes.push({ municipality: code, type: 'Placement', id: p.id, change: 'modified' });
  };

  // Placements registered by mistake are thinned out again (gallring): they leave a deletion behind.
  for (const p of [...s.placements.values()]) {
    if (!p.mistake || p.created === at || !rng.chance(0.6)) continue;
    s.placements.delete(p.id);
    s.deletions.push({ type: 'Placement', id: p.id, at });
    changes.push({ municipality: code, type: 'Placement', id: p.id, change: 'deleted' });
  }

  for (const entry of s.queue) {
    const child = s.persons.get(entry.childId);
    if (!child) continue;
    // Offers go out in the last six weeks before the wished start date, not earlier.
    const daysToStart = (localMs(entry.placementRequestDate) - at) / DAY_MS;
    if (entry.registeredDate > today) continue;
    if (entry.state === 'queue' && daysToStart <= 45 && rng.chance(0.12 * activity)) {
      if (rng.chance(0.3)) entry.unitId = rng.pick(unitsOf(s, entry.schoolType)).id;
      entry.state = 'offer';
      entry.offeredAt = at;
    } else if (entry.state === 'offer' && at - (entry.offeredAt ?? at) >= 2 * DAY_MS && rng.chance(0.5)) {
      if (rng.chance(0.85)) {
        const unit = s.muni.units.find((u) => u.id === entry.unitId) as SchoolUnit;
        const start = [entry.placementRequestDate, nextMonth(at, 1)].sort()[1] as string;
        const p = addPlacement(s, child, unit, start, at, 'care');
        changes.push({ municipality: code, type: 'Placement', id: p.id, change: 'created' });
        entry.state = 'placed';
      } else {
        entry.state = 'passive';
      }
    }
  }

  for (const p of [...s.placements.values()]) {
    if (!isActive(p, today) || p.endDate !== undefined || !rng.chance(0.05 * activity)) continue;
    const unit = s.muni.units.find((u) => u.id === p.unitId) as SchoolUnit;
    const kind = rng.weighted([
      { kind: 'hours', weight: 50 },
      { kind: 'group', weight: 25 },
      { kind: 'move', weight: 15 },
      { kind: 'reason', weight: 10 },
    ]).kind;
    if (kind === 'hours') p.hours = (p.hours ?? 20) + rng.pick([-10, -5, 5, 10]);
    else if (kind === 'group') p.groupId = rng.pick(unit.groups).id;
    else if (kind === 'reason') p.reason = rng.pick(['care', 'offered', 'own'] as const);
    else {
      // The family moves the child to another unit: this placement ends, a new one starts the day after.
      p.endDate = nextMonth(at, 15);
      const child = s.persons.get(p.childId);
      const other = unitsOf(s, unit.schoolType).filter((u) => u.id !== unit.id);
      if (child && other.length > 0) {
        const q = addPlacement(s, child, rng.pick(other), nextMonth(at, 16), at, p.reason);
        changes.push({ municipality: code, type: 'Placement', id: q.id, change: 'created' });
      }
    }
    touch(p);
  }

  if (rng.chance(0.12 * activity)) {
    const active = [...s.placements.values()].filter((p) => isActive(p, today));
    const p = active.length > 0 ? rng.pick(active) : undefined;
    const child = p && s.persons.get(p.childId);
    if (child) {
      const mistake = addPlacement(s, child, rng.pick(s.muni.units), nextMonth(at, 1), at, 'care');
      mistake.mistake = true;
      changes.push({ municipality: code, type: 'Placement', id: mistake.id, change: 'created' });
    }
  }

  if (rng.chance(0.1 * activity)) {
    const person = rng.pick([...s.persons.values()]);
    if (person.address) {
      person.address = { ...person.address, streetAddress: `${rng.pick(s.muni.streets)} ${rng.int(1, 60)}` };
      person.modified = at;
      changes.push({ municipality: code, type: 'Person', id: person.id, change: 'modified' });
    }
  }
  return changes;
}
