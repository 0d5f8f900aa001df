/** Seeded, evolving ByggR v8 cases of one shared instance serving several municipalities. */
import { type CaseData, type CaseDataOptions, createCaseData } from '../case-data/case-machine.js';
import { mixSeed } from '../case-data/random.js';
import { byggrV8Model } from './case-flow.js';
import type { V8Arende } from './model.js';
import { findMunicipality, V8_MUNICIPALITIES, type V8Municipality } from './municipalities.js';

export type ByggrV8DataOptions = Omit<CaseDataOptions, 'municipality' | 'referenceFormat'> & {
  /** Kommunkoder or names served by the instance. Default: Umeå, Vännäs, Bjurholm and Nordmaling. */
  municipalities?: readonly string[];
};

export type ByggrV8Changed = { record: V8Arende; changedAt: number };

export type ByggrV8Data = {
  readonly municipalities: readonly V8Municipality[];
  now(): Date;
  count(): number;
  /** Every case, municipality by municipality, oldest first. Live objects: treat as read-only. */
  list(): V8Arende[];
  get(dnr: string): V8Arende | undefined;
  /** Every case with its last change time, by change time then dnr (how GetUpdatedArenden pages). */
  byChange(): readonly ByggrV8Changed[];
  /** Moves the clock to `now`: cases move on, new ones arrive. Returns the cases that changed. */
  advance(now: Date): V8Arende[];
};

/** Splits `total` cases over the municipalities by weight, each getting at least one. */
function shares(total: number, list: readonly V8Municipality[]): number[] {
  const weight = list.reduce((sum, m) => sum + m.weight, 0);
  const out = list.map((m) => Math.max(1, Math.floor((total * m.weight) / weight)));
  out[0] = Math.max(1, total - out.slice(1).reduce((s, n) => s + n, 0));
  return out;
}

/**
 * Creates the data set. Each municipality has its own seeded stream, dnr series and ids, so adding
 * a municipality does not change the others' cases.
 *
 * @example
 * const data = createByggrV8Data({ seed: 1, cases: 200 });
 * data.advance(new Date('2026-05-05T06:00:00Z')); // the cases that changed
 */
export function createByggrV8Data(options: ByggrV8DataOptions = {}): ByggrV8Data {
  const municipalities = (options.municipalities ?? V8_MUNICIPALITIES.map((m) => m.code)).map((key) => {
    const found = findMunicipality(key);
    if (!found) throw new RangeError(`unknown municipality ${key}`);
    return found;
  });
  const counts = shares(options.cases ?? 200, municipalities);
  const sets: CaseData<V8Arende>[] = municipalities.map((m, i) => {
    const ordinal = V8_MUNICIPALITIES.indexOf(m) + 1;
    const cases = counts[i] ?? 1;
    return createCaseData(
      byggrV8Model(m, ordinal),
      {
        ...options,
        historyDays: options.historyDays ?? 150,
        seed: mixSeed(options.seed ?? 1, Number(m.code)),
        cases,
        arrivalsPerStep: options.arrivalsPerStep ?? Math.max(1, Math.round(cases / 50)),
        referenceFormat: m.referenceFormat,
        municipality: { code: m.code, name: m.name },
      },
      m.referenceFormat,
    );
  });
  let merged: ByggrV8Changed[] | undefined;
  const first = sets[0];
  if (!first) throw new RangeError('at least one municipality is needed');
  return {
    municipalities,
    now: () => first.now(),
    count: () => sets.reduce((n, s) => n + s.count(), 0),
    list: () => sets.flatMap((s) => s.list()),
    get(dnr) {
      for (const s of sets) {
        const found = s.get(dnr);
        if (found) return found;
      }
      return undefined;
    },
    byChange() {
      merged ??= sets
        .flatMap((s) => s.byChange().map(({ record, changedAt }) => ({ record, changedAt })))
        .sort((a, b) => a.changedAt - b.changedAt || (a.record.dnr < b.record.dnr ? -1 : 1));
      return merged;
    },
    advance(now) {
      merged = undefined;
      return sets.flatMap((s) => s.advance(now));
    },
  };
}
