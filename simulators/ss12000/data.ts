/** Seeded, evolving SS 12000 data (persons, placements, deletions) and the vendor's queue, per municipality. */
import { DateTime } from 'luxon';
import { DEFAULT_START } from '../case-data/case-machine.js';
import { laterWorkingTime, localDate, toSecond, ZONE } from '../case-data/clock.js';
import { createRandom, mixSeed } from '../case-data/random.js';
import { addPlacement, type Change, type MunicipalityState, step } from './events.js';
import { birthDate, createHouseholds, localMs } from './households.js';
import { simUuid } from './ids.js';
import type { PersonRecord, QueueEntry } from './model.js';
import { createMunicipality, SS12000_MUNICIPALITIES } from './units.js';

export type Ss12000DataOptions = {
  /** Same seed and same calls → same data. Default 1. */
  seed?: number;
  /** Kommunkoder to serve; default Umeå (2480) and Vännäs (2460). */
  municipalities?: readonly string[];
  /** At most this many children per municipality (the test series limits it to 23 and 13). */
  childrenPerMunicipality?: number;
  /** The simulated clock at the start. Default 2026-05-04T06:00:00Z. */
  start?: Date;
  /** Days of simulated history played before `start`, one step a day. Default 60. */
  historyDays?: number;
  /** Scales how much happens in a step. Default 1. */
  activity?: number;
};

export type Ss12000Data = {
  municipalities(): string[];
  state(code: string): MunicipalityState | undefined;
  now(): Date;
  /** One step at `now` in every municipality; returns what changed. */
  advance(now: Date): Change[];
};

const DAY_MS = 86_400_000;

function plusMonths(date: string, months: number, day = 1): string {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ months }).set({ day }).toFormat('yyyy-MM-dd');
}

/** Where each child stands at the baseline: school children at fritids, most small ones placed, some queueing. */
function seedPlacements(s: MunicipalityState, children: PersonRecord[], baseline: number): void {
  const { rng, muni } = s;
  const fs = muni.units.filter((u) => u.schoolType === 'FS');
  const fth = muni.units.filter((u) => u.schoolType === 'FTH');
  for (const child of children) {
    const born = birthDate(child.personnummer);
    const schoolAge = Number(born.slice(0, 4)) <= 2019;
    const wish = rng.pick(schoolAge ? fth : fs);
    const firstStart = plusMonths(born, rng.int(13, 18));
    const queueDate = plusMonths(born, rng.int(6, 10), rng.int(1, 28));
    const entry: QueueEntry = {
      applicationId: simUuid(s.seed, muni.code, 'application', child.personnummer),
      childId: child.id,
      schoolType: schoolAge ? 'FTH' : 'FS',
      registeredDate: queueDate,
      queueDate,
      placementRequestDate: firstStart,
      guaranteeDate: plusMonths(queueDate, 4, 1),
      unitId: wish.id,
      careHours: rng.int(3, 9) * 5,
      state: 'placed',
    };
    if (schoolAge) {
      const pre = addPlacement(s, child, rng.pick(fs), firstStart, localMs(firstStart) - 40 * DAY_MS, 'care');
      pre.endDate = '2025-07-31';
      pre.modified = localMs('2025-05-20');
      addPlacement(s, child, wish, '2025-08-15', localMs('2025-05-20'), 'care');
      entry.registeredDate = entry.queueDate = '2025-02-01';
      entry.placementRequestDate = '2025-08-15';
      entry.guaranteeDate = '2025-06-01';
    } else if (child.securityMarking === 'Skyddad folkbokföring' || rng.chance(0.55)) {
      addPlacement(s, child, wish, firstStart, localMs(firstStart) - 40 * DAY_MS, 'care');
    } else {
      // Queueing: registered around the baseline (some only later, in the history), wanting a place
      // two to five months on, so offers keep coming during the history and after the start.
      const registered = localDate(baseline + rng.int(-60, 40) * DAY_MS);
      Object.assign(entry, {
        state: 'queue',
        registeredDate: registered,
        queueDate: registered,
        placementRequestDate: plusMonths(localDate(baseline), rng.int(2, 5)),
        guaranteeDate: plusMonths(registered, 4, 1),
      });
    }
    s.queue.push(entry);
  }
}

/**
 * Creates the data and plays `historyDays` of simulated history (one step a day at office hours), so
 * meta.modified times, deletions and offers are spread before `start`.
 *
 * @example
 * const data = createSs12000Data({ seed: 7 });
 * data.advance(new Date('2026-05-05T07:00:00Z')); // the changes of that step
 */
export function createSs12000Data(options: Ss12000DataOptions = {}): Ss12000Data {
  const seed = options.seed ?? 1;
  const start = toSecond(options.start ?? DEFAULT_START).getTime();
  const historyDays = options.historyDays ?? 60;
  const activity = options.activity ?? 1;
  const baseline = start - historyDays * DAY_MS;
  const states = new Map<string, MunicipalityState>();
  (options.municipalities ?? SS12000_MUNICIPALITIES).forEach((code, m) => {
    const muni = createMunicipality(seed, code);
    const rng = createRandom(mixSeed(seed, m + 1));
    const s: MunicipalityState = {
      muni,
      persons: new Map(),
      placements: new Map(),
      deletions: [],
      queue: [],
      rng,
      seed,
      next: 0,
    };
    const { guardians, children } = createHouseholds(
      seed,
      muni,
      baseline,
      rng,
      options.childrenPerMunicipality,
    );
    for (const p of [...guardians, ...children]) s.persons.set(p.id, p);
    // One child whose record carries a sekretessmarkering, besides the protected family in Umeå.
    const marked = children.find((c) => c.securityMarking === 'Ingen' && c.personnummer.startsWith('2023'));
    if (marked && code === '2460') marked.securityMarking = 'Sekretessmarkering';
    seedPlacements(s, children, baseline);
    states.set(code, s);
  });
  let clock = baseline;
  const advance = (now: Date): Change[] => {
    const at = toSecond(now).getTime();
    if (at < clock) throw new RangeError('advance(now) cannot go back in time');
    clock = at;
    return [...states.values()].flatMap((s) => step(s, at, activity));
  };
  for (let d = 1; d < historyDays; d++) advance(new Date(laterWorkingTime(baseline, d, 9, 30)));
  clock = Math.max(clock, start);
  return {
    municipalities: () => [...states.keys()],
    state: (code) => states.get(code),
    now: () => new Date(clock),
    advance,
  };
}
