/**
 * How a simulated ByggR v8 case moves on: internal steps (never on the wire), the events each step
 * writes to the journal, and the coarse `status` (Pågående, Avslutat, Makulerat, Gallrat) they lead to.
 */
import type { DomainModel, Transition } from '../case-data/case-machine.js';
import { createRandom, type Random } from '../case-data/random.js';
import {
  appeal,
  close,
  decide,
  duringHandling,
  mainDecision,
  notify,
  referral,
  registered,
  type StepContext,
  thin,
  withdraw,
} from './case-steps.js';
import { createV8Case } from './create-case.js';
import { addEvent, kompletterat, komplettering } from './journal.js';
import type { V8Arende } from './model.js';
import type { V8Municipality } from './municipalities.js';

export type V8Step =
  | 'INK'
  | 'REG'
  | 'KOMP'
  | 'PAMIN'
  | 'KOMPIN'
  | 'HANDL'
  | 'BESL'
  | 'DELG'
  | 'OVERKL'
  | 'AVSKR'
  | 'AVSL'
  | 'MAKUL'
  | 'GALLR';

const FLOW: Record<V8Step, readonly Transition<V8Step>[]> = {
  INK: [
    { to: 'REG', weight: 95 },
    { to: 'MAKUL', weight: 5 },
  ],
  REG: [
    { to: 'HANDL', weight: 50 },
    { to: 'KOMP', weight: 45 },
    { to: 'AVSKR', weight: 3 },
    { to: 'MAKUL', weight: 2 },
  ],
  KOMP: [
    { to: 'KOMPIN', weight: 75 },
    { to: 'PAMIN', weight: 15 },
    { to: 'AVSKR', weight: 5 },
    { to: 'BESL', weight: 5 },
  ],
  PAMIN: [
    { to: 'KOMPIN', weight: 75 },
    { to: 'BESL', weight: 25 },
  ],
  KOMPIN: [
    { to: 'HANDL', weight: 80 },
    { to: 'KOMP', weight: 10 },
    { to: 'BESL', weight: 10 },
  ],
  HANDL: [
    { to: 'HANDL', weight: 40 },
    { to: 'BESL', weight: 42 },
    { to: 'KOMP', weight: 15 },
    { to: 'AVSKR', weight: 3 },
  ],
  BESL: [
    { to: 'DELG', weight: 60 },
    { to: 'AVSL', weight: 28 },
    { to: 'OVERKL', weight: 12 },
  ],
  DELG: [
    { to: 'AVSL', weight: 80 },
    { to: 'OVERKL', weight: 20 },
  ],
  OVERKL: [{ to: 'AVSL', weight: 1 }],
  AVSKR: [{ to: 'AVSL', weight: 1 }],
  AVSL: [{ to: 'GALLR', weight: 1 }],
  MAKUL: [],
  GALLR: [],
};

/** Closed cases picked for thinning (gallring): the rest stay Avslutat for good. */
const toBeThinned = new WeakSet<V8Arende>();

function apply(a: V8Arende, from: V8Step, to: V8Step, at: number, rng: Random, m: V8Municipality) {
  a.version += 1;
  a.uppdateradDatum = at;
  a.handlaggare ??= rng.pick(m.officers);
  const s: StepContext = { a, at, officer: a.handlaggare, rng, m };
  switch (to) {
    case 'REG':
      return registered(s);
    case 'KOMP':
    case 'PAMIN':
      return void komplettering(a, at, s.officer, rng, to === 'PAMIN');
    case 'KOMPIN':
      return void kompletterat(a, at, rng);
    case 'HANDL':
      return from === 'HANDL' ? duringHandling(s) : referral(s);
    case 'BESL':
      return decide(s, from === 'KOMP' || from === 'PAMIN');
    case 'DELG':
      return notify(s);
    case 'OVERKL':
      return appeal(s);
    case 'AVSKR':
      return withdraw(s);
    case 'AVSL': {
      close(s, from === 'OVERKL');
      // Bygglov are kept for good; advance rulings, notifications and refusals may be thinned.
      const kept =
        a.arendetyp !== 'FÖRF' && a.arendetyp !== 'ANM' && mainDecision(a)?.handelseutfall === 'Bifall';
      if (!kept && rng.chance(0.3)) toBeThinned.add(a);
      return;
    }
    case 'MAKUL':
      a.status = 'Makulerat';
      a.makulerDatum = at;
      a.slutDatum = at;
      return;
    case 'GALLR':
      return thin(a);
  }
}

/** The domain model the shared case engine drives, for one municipality of the instance. */
export function byggrV8Model(m: V8Municipality, ordinal: number): DomainModel<V8Step, V8Arende> {
  return {
    system: 'byggr',
    initial: 'INK',
    next: (step, a) => (step === 'AVSL' && !toBeThinned.has(a) ? [] : FLOW[step]),
    create: (ctx) => createV8Case(ctx, m, ordinal),
    apply: (a, from, to, at, rng) => apply(a, from, to, at, rng, m),
    id: (a) => a.dnr,
    // v8 has no status code to break: an event type the mapping does not know serves the same drill.
    setStatusCode(a, code, at) {
      a.version += 1;
      a.uppdateradDatum = at;
      const spec = { riktning: 'Okänd', rubrik: 'Okänd händelse', handelsetyp: code } as const;
      addEvent(a, at, spec, a.handlaggare, createRandom(a.arendeId + a.version));
    },
    unknownStatusCode: 'PAUS',
  };
}
