/** The domain-neutral part of the simulators: seeded case histories, status progressions and `advance(now)`. */
import { laterWorkingTime, localYear, toSecond } from './clock.js';
import { createRandom, mixSeed, type Random } from './random.js';
import { createYearCounter, formatReference } from './reference.js';

export type SystemName = 'byggr' | 'omsorg';

/** Where cases are handled; the defaults are Umeå's. */
export type MunicipalityProfile = {
  /** SCB kommunkod, e.g. `2480`. */
  code: string;
  name: string;
  /** Domain of officers' e-mail addresses (an `.example` domain: nothing is ever sent). */
  emailDomain: string;
  /** Switchboard number printed on letters. */
  phone: string;
};

export const UMEA: MunicipalityProfile = {
  code: '2480',
  name: 'Umeå',
  emailDomain: 'umea.example',
  phone: '090-16 10 00',
};

export type Transition<S extends string> = { to: S; weight: number };

export type CreateContext = {
  /** 0-based number of the case in its data set; case 0 belongs to the demo citizen. */
  index: number;
  /** How many cases the data set starts with (the newest of them arrived just before the start); none for later arrivals. */
  initialCases?: number;
  year: number;
  /** Running number within the year. */
  n: number;
  reference: string;
  /** Arrival time, ms since the epoch, whole seconds. */
  at: number;
  rng: Random;
  municipality: MunicipalityProfile;
};

/** What a domain tells the engine: its statuses, where each can go, and how a move changes a record. */
export type DomainModel<S extends string, R> = {
  system: SystemName;
  initial: S;
  /** Where a case can go from `state`; empty when finished. `to === state` is an update without a status change. */
  next(state: S, record: R): readonly Transition<S>[];
  create(ctx: CreateContext): R;
  /** Applies one move at `at` (whole seconds) and bumps the record's change time to `at`. */
  apply(record: R, from: S, to: S, at: number, rng: Random, municipality: MunicipalityProfile): void;
  id(record: R): string;
  /** For fault drills: writes a status code the mapping does not know, bumping the change time. */
  setStatusCode(record: R, code: string, at: number): void;
  /** The default unknown code for {@link DomainModel.setStatusCode} (e.g. ByggR's `PAUS`). */
  unknownStatusCode: string;
};

export type CaseDataOptions = {
  /** Same seed and same calls → same data. Default 1. */
  seed?: number;
  /** Cases at the start. Default 300. */
  cases?: number;
  /** The simulated clock at the start. Default 2026-05-04T06:00:00Z (a Monday morning). */
  start?: Date;
  /** Initial cases arrived during this many days before `start`; older ones have come further. Default 120. */
  historyDays?: number;
  /** Reference template, e.g. `BN {yyyy}-{n:6}` (see formatReference). Default: Umeå's for the domain. */
  referenceFormat?: string;
  /** First running number of each year. Default 100. */
  firstNumber?: number;
  municipality?: Partial<MunicipalityProfile>;
  /** Share of unfinished cases that change in one `advance`. Default 0.3. */
  activity?: number;
  /** New cases arriving in each `advance`. Default cases / 50 (at least 1). */
  arrivalsPerStep?: number;
};

export const DEFAULT_START = new Date('2026-05-04T06:00:00Z');

export type ChangedRecord<R> = { record: R; changedAt: number };

export type CaseData<R> = {
  readonly system: SystemName;
  readonly municipality: MunicipalityProfile;
  /** The simulated clock: the start, or the last `advance(now)`. */
  now(): Date;
  count(): number;
  /** Every record, oldest case first. Records are live objects: treat them as read-only. */
  list(): R[];
  get(id: string): R | undefined;
  /** Every record with its change time, ordered by change time then id (how sources page). */
  byChange(): readonly ChangedRecord<R>[];
  /** Moves the simulated clock to `now`: some cases move on, documents arrive, new cases come in. Returns what changed. */
  advance(now: Date): R[];
  /**
   * Fault drill: gives one case (by id, or an unfinished one picked by the seed) a status code the
   * mapping does not know, changed one second after the clock (which moves there). The case's next
   * move in `advance` writes a known status again.
   */
  injectUnknownStatus(options?: { id?: string; code?: string }): R;
};

type Entry<S extends string, R> = { record: R; state: S; changedAt: number; id: string };

const HOUR_MS = 3_600_000;

/** One case's history from arrival until `until`: moves at office hours, a few days apart. */
function simulateHistory<S extends string, R>(
  model: DomainModel<S, R>,
  entry: Entry<S, R>,
  until: number,
  rng: Random,
  municipality: MunicipalityProfile,
): void {
  for (;;) {
    const choices = model.next(entry.state, entry.record);
    if (choices.length === 0) return;
    const at = laterWorkingTime(entry.changedAt, rng.int(2, 14), rng.int(8, 16), rng.int(0, 59));
    if (at >= until) return;
    const { to } = rng.weighted(choices);
    model.apply(entry.record, entry.state, to, at, rng, municipality);
    entry.state = to;
    entry.changedAt = at;
  }
}

type Resolved = Required<Omit<CaseDataOptions, 'municipality' | 'start'>> & {
  start: number;
  municipality: MunicipalityProfile;
};

function resolve(options: CaseDataOptions, defaultFormat: string): Resolved {
  const cases = options.cases ?? 300;
  return {
    seed: options.seed ?? 1,
    cases,
    start: toSecond(options.start ?? DEFAULT_START).getTime(),
    historyDays: options.historyDays ?? 120,
    referenceFormat: options.referenceFormat ?? defaultFormat,
    firstNumber: options.firstNumber ?? 100,
    municipality: { ...UMEA, ...options.municipality },
    activity: options.activity ?? 0.3,
    arrivalsPerStep: options.arrivalsPerStep ?? Math.max(1, Math.round(cases / 50)),
  };
}

function newEntry<S extends string, R>(model: DomainModel<S, R>, ctx: CreateContext): Entry<S, R> {
  const record = model.create(ctx);
  return { record, state: model.initial, changedAt: ctx.at, id: model.id(record) };
}

/**
 * The initial cases one at a time, without keeping them: enough for a million-record export.
 * Case i arrives at an even spread over `historyDays` before `start` and is played forward to `start`.
 */
export function* generateCases<S extends string, R>(
  model: DomainModel<S, R>,
  options: CaseDataOptions,
  defaultFormat: string,
): Generator<ChangedRecord<R> & { state: S; year: number }> {
  const o = resolve(options, defaultFormat);
  const nextNumber = createYearCounter(o.firstNumber);
  const span = o.historyDays * 24 * HOUR_MS;
  for (let index = 0; index < o.cases; index++) {
    const rng = createRandom(mixSeed(o.seed, index));
    const at = toSecond(o.start - span + ((index + rng.next() * 0.9) * span) / o.cases).getTime();
    const year = localYear(at);
    const n = nextNumber(year);
    const reference = formatReference(o.referenceFormat, year, n);
    const entry = newEntry(model, {
      index,
      initialCases: o.cases,
      year,
      n,
      reference,
      at,
      rng,
      municipality: o.municipality,
    });
    simulateHistory(model, entry, o.start, rng, o.municipality);
    yield { record: entry.record, state: entry.state, changedAt: entry.changedAt, year };
  }
}

/** A live, evolving data set for one domain; servers read it, tests and the demo call `advance`. */
export function createCaseData<S extends string, R>(
  model: DomainModel<S, R>,
  options: CaseDataOptions,
  defaultFormat: string,
): CaseData<R> {
  const o = resolve(options, defaultFormat);
  const entries: Entry<S, R>[] = [];
  const byId = new Map<string, Entry<S, R>>();
  // Running numbers go on after the initial cases, per year of arrival.
  const usedPerYear = new Map<number, number>();
  let sorted: ChangedRecord<R>[] | undefined;
  let clock = o.start;
  // One stream for everything after the start, so a run of advance calls is reproducible.
  const rng = createRandom(mixSeed(o.seed, 0x5eed));

  const add = (entry: Entry<S, R>, year: number) => {
    entries.push(entry);
    byId.set(entry.id, entry);
    usedPerYear.set(year, (usedPerYear.get(year) ?? 0) + 1);
  };
  for (const { record, state, changedAt, year } of generateCases(model, options, defaultFormat))
    add({ record, state, changedAt, id: model.id(record) }, year);

  return {
    system: model.system,
    municipality: o.municipality,
    now: () => new Date(clock),
    count: () => entries.length,
    list: () => entries.map((e) => e.record),
    get: (id) => byId.get(id)?.record,
    byChange() {
      sorted ??= entries
        .map((e) => ({ record: e.record, changedAt: e.changedAt, id: e.id }))
        .sort((a, b) => a.changedAt - b.changedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return sorted;
    },
    advance(now) {
      const at = toSecond(now).getTime();
      if (at < clock) throw new RangeError('advance(now) cannot move the simulated clock backwards');
      clock = at;
      const changed: R[] = [];
      for (const entry of entries) {
        const choices = model.next(entry.state, entry.record);
        if (choices.length === 0 || !rng.chance(o.activity)) continue;
        const { to } = rng.weighted(choices);
        model.apply(entry.record, entry.state, to, at, rng, o.municipality);
        entry.state = to;
        entry.changedAt = at;
        changed.push(entry.record);
      }
      for (let i = 0; i < o.arrivalsPerStep; i++) {
        const year = localYear(at);
        const n = o.firstNumber + (usedPerYear.get(year) ?? 0);
        const reference = formatReference(o.referenceFormat, year, n);
        const caseRng = createRandom(mixSeed(o.seed, entries.length));
        const ctx = {
          index: entries.length,
          year,
          n,
          reference,
          at,
          rng: caseRng,
          municipality: o.municipality,
        };
        const entry = newEntry(model, ctx);
        add(entry, year);
        changed.push(entry.record);
      }
      sorted = undefined;
      return changed;
    },
    injectUnknownStatus(opts = {}) {
      const open = entries.filter((e) => model.next(e.state, e.record).length > 0);
      const entry = opts.id ? byId.get(opts.id) : open.length > 0 ? rng.pick(open) : undefined;
      if (!entry) throw new RangeError(opts.id ? `no case ${opts.id}` : 'no unfinished case to break');
      // One second past the clock: a poller that has already fetched up to the clock still sees it.
      const at = Math.max(clock, entry.changedAt) + 1000;
      model.setStatusCode(entry.record, opts.code ?? model.unknownStatusCode, at);
      entry.changedAt = at;
      clock = at;
      sorted = undefined;
      return entry.record;
    },
  };
}
