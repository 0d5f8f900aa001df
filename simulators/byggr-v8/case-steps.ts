/** What each step of a simulated ByggR v8 case writes: the events of handling, decision, notice, appeal and closing. */
import type { Random } from '../case-data/random.js';
import { addEvent, applicants, decision, type EventSpec, voidEarlierEvent } from './journal.js';
import type { V8Arende, V8Handlaggare } from './model.js';
import type { V8Municipality } from './municipalities.js';
import { personParty, V8_PERSONS } from './parties.js';

/** One step of one case: where, when and by whom. */
export type StepContext = { a: V8Arende; at: number; officer: V8Handlaggare; rng: Random; m: V8Municipality };

/** An event from the office (signed by the officer) or from outside (`incoming`). */
function event(s: StepContext, spec: EventSpec, incoming = spec.riktning === 'In') {
  return addEvent(s.a, s.at, spec, incoming ? undefined : s.officer, s.rng);
}

export function mainDecision(a: V8Arende) {
  return a.handelser.findLast((h) => h.beslut?.arHuvudbeslut && !h.makulerad);
}

function addNeighbours(s: StepContext) {
  const taken = new Set(s.a.intressenter.map((i) => i.persOrgNr));
  const fresh = V8_PERSONS.filter((p) => !taken.has(p.personnummer));
  const list = [];
  for (let i = s.rng.int(1, 3); i > 0 && fresh.length > 0; i--) {
    const [p] = fresh.splice(s.rng.int(0, fresh.length - 1), 1);
    if (p) list.push(personParty(p, ['GRAN'], s.rng, s.m));
  }
  s.a.intressenter.push(...list);
  return list;
}

export function registered(s: StepContext) {
  s.a.registreradDatum = s.at;
  event(s, { riktning: 'Okänd', rubrik: 'Ärendet registrerat', handelsetyp: 'STATUS', handelseslag: 'REG' });
}

export function referral(s: StepContext) {
  const rubrik = 'Remiss till miljö- och hälsoskydd';
  event(s, { riktning: 'Ut', rubrik, handelsetyp: 'REMISS', handelseslag: 'UTSKICK' });
}

/** While the case is handled: neighbours are heard or answer, time is extended, a mistake is voided, a note is made. */
export function duringHandling(s: StepContext) {
  const { a, rng } = s;
  const roll = rng.next();
  const heard = a.handelser.some((h) => h.handelseslag === 'GRAUTS');
  if (roll < 0.3 && !heard) {
    const intressenter = addNeighbours(s).map((intressent) => ({ intressent }));
    const docs = [{ typ: 'GRA', namn: 'Underrättelse till sakägare.pdf' }];
    event(s, {
      riktning: 'Ut',
      rubrik: 'Grannehörande',
      handelsetyp: 'GRANHO',
      handelseslag: 'GRAUTS',
      docs,
      intressenter,
    });
  } else if (roll < 0.45 && heard) {
    const granne = a.intressenter.find((i) => i.roller.includes('GRAN'));
    const docs = [{ typ: 'SKR', namn: 'Yttrande.pdf' }];
    const intressenter = granne ? [{ intressent: granne }] : [];
    event(s, {
      riktning: 'In',
      rubrik: 'Yttrande från sakägare',
      handelsetyp: 'GRANHO',
      handelseslag: 'GRASVA',
      docs,
      intressenter,
    });
  } else if (roll < 0.6 && !a.handelser.some((h) => h.handelseslag === 'FORL') && a.arendetyp !== 'ANM') {
    decision(a, s.at, s.officer, rng, {
      rubrik: 'Beslut om förlängd handläggningstid',
      slag: 'FORL',
      text: 'Handläggningstiden förlängs med högst tio veckor enligt 9 kap. 27 § plan- och bygglagen.',
      huvud: false,
    });
  } else if (roll < 0.72 && voidEarlierEvent(a, rng)) {
    const rubrik = 'Felregistrerad händelse makulerad';
    event(s, { riktning: 'Okänd', rubrik, handelsetyp: 'STATUS', handelseslag: 'MAKUL' });
  } else if (roll < 0.8 && a.intressenter.some((i) => i.arForetag)) {
    // A company's business figures: secret under OSL 31 kap. 16 §.
    const docs = [{ typ: 'BIL', namn: 'Kalkyl.pdf' }];
    const sekretess: [string, string] = ['31', '16'];
    event(s, {
      riktning: 'In',
      rubrik: 'Kalkyl och avtal',
      handelsetyp: 'HANDLING',
      handelseslag: 'INFO',
      docs,
      sekretess,
    });
  } else {
    event(s, {
      riktning: 'Okänd',
      rubrik: 'Tjänsteanteckning',
      handelsetyp: 'HANDLING',
      handelseslag: 'ANTECKN',
      anteckning: rng.pick(['Platsbesök gjort', 'Sökanden har ringt', 'Kontrollera strandskydd']),
      docs: [{ typ: 'SKR', namn: 'Tjänsteanteckning.docx' }],
      arbetsmaterial: true,
    });
  }
}

/** The main decision: approval or refusal, or dismissal (avvisning) when the komplettering never came. */
export function decide(s: StepContext, dismissed: boolean) {
  const { a } = s;
  const utfall = dismissed ? 'Avvisat' : s.rng.chance(0.85) ? 'Bifall' : 'Avslag';
  const what =
    a.arendetyp === 'ANM' ? 'Startbesked' : `Beslut om ${a.arendetyp === 'FÖRF' ? 'förhandsbesked' : 'lov'}`;
  decision(a, s.at, s.officer, s.rng, {
    rubrik: dismissed ? 'Beslut om avvisning' : what,
    slag: a.arendetyp === 'ANM' ? 'STB' : 'LOV',
    utfall,
    text: dismissed
      ? 'Ansökan avvisas då begärd komplettering inte inkommit.'
      : `${what}: ${utfall.toLowerCase()}.`,
    huvud: true,
    validYears: utfall === 'Bifall' && a.arendetyp !== 'ANM' ? (a.arendetyp === 'FÖRF' ? 2 : 5) : undefined,
  });
}

/** Underrättelse om beslut to applicants, neighbours and owners; often a delgivningskvitto back. */
export function notify(s: StepContext) {
  const sakagare = s.a.intressenter.filter((i) => i.roller.includes('GRAN') || i.roller.includes('FAG'));
  const intressenter = [...applicants(s.a), ...sakagare.map((intressent) => ({ intressent }))];
  const docs = [{ typ: 'UNDUT', namn: 'Underrättelse om beslut.pdf' }];
  event(s, {
    riktning: 'Ut',
    rubrik: 'Underrättelse om beslut',
    handelsetyp: 'UNDER',
    handelseslag: 'Utan',
    intressenter,
    docs,
  });
  if (s.rng.chance(0.6)) {
    const kvitto = [{ typ: 'SKR', namn: 'Delgivningskvitto.pdf' }];
    event(s, {
      riktning: 'In',
      rubrik: 'Delgivningskvitto',
      handelsetyp: 'HANDLING',
      handelseslag: 'DELGKV',
      docs: kvitto,
    });
  }
}

export function appeal(s: StepContext) {
  const docs = [{ typ: 'SKR', namn: 'Överklagande.pdf' }];
  event(s, {
    riktning: 'In',
    rubrik: 'Överklagande av beslut',
    handelsetyp: 'HANDLING',
    handelseslag: 'OVERKL',
    docs,
  });
  const rubrik = 'Överklagandet översänt till länsstyrelsen';
  event(s, { riktning: 'Ut', rubrik, handelsetyp: 'REMISS', handelseslag: 'UTSKICK' });
}

export function withdraw(s: StepContext) {
  const docs = [{ typ: 'SKR', namn: 'Återkallelse.pdf' }];
  event(s, {
    riktning: 'In',
    rubrik: 'Ansökan återkallad',
    handelsetyp: 'HANDLING',
    handelseslag: 'ATERK',
    docs,
  });
  decision(s.a, s.at, s.officer, s.rng, {
    rubrik: 'Beslut om avskrivning',
    slag: 'UAB',
    utfall: 'Avskrivet',
    text: 'Ärendet avskrivs då ansökan återkallats.',
    huvud: true,
  });
}

/** Closes the case: the county board's ruling after an appeal, or a slutbesked after an approval. */
export function close(s: StepContext, afterAppeal: boolean) {
  const { a } = s;
  if (afterAppeal)
    event(s, {
      riktning: 'In',
      rubrik: 'Länsstyrelsens beslut',
      handelsetyp: 'BESLUT',
      handelseslag: 'LST',
      handelseutfall: s.rng.pick(['Avslås', 'Bifalls']),
      beslut: {
        arHuvudbeslut: false,
        beslutstext: 'Länsstyrelsen har prövat överklagandet.',
        instanstyp: 'Länsstyrelsen',
      },
    });
  else if (mainDecision(a)?.handelseutfall === 'Bifall' && a.arendetyp !== 'FÖRF')
    decision(a, s.at, s.officer, s.rng, {
      rubrik: 'Slutbesked',
      slag: 'SLU',
      text: 'Slutbesked meddelas.',
      huvud: false,
    });
  a.status = 'Avslutat';
  a.slutDatum = s.at;
}

/** Gallring: what is left of a thinned case is a guess, not a fact of the sheet [?]: the register entry only. */
export function thin(a: V8Arende) {
  a.status = 'Gallrat';
  a.beskrivning = undefined;
  a.handlaggare = undefined;
  a.intressenter = [];
  a.handelser = [];
  a.objekt = [];
}
