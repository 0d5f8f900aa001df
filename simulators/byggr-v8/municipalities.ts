/** The four municipalities the simulated ByggR instance serves, with their (invented) diarium prefixes and officers. */
import type { V8Handlaggare } from './model.js';

export type V8Municipality = {
  /** SCB kommunkod, sent as `arende/@komkod`. */
  code: string;
  name: string;
  /** `arende/@diarieprefix`; also the start of every dnr (`BN 2026-000123`). */
  diarieprefix: string;
  referenceFormat: string;
  /** `arende/@namndkod`: the committee deciding building permits. */
  namndkod: string;
  enhetkod: string;
  /** Share of the instance's cases (relative weight). */
  weight: number;
  /** Postal code prefix and post town for invented addresses. */
  postNr: string;
  ort: string;
  /** Invented trakt names; a real designation would point at someone's property. */
  trakter: readonly string[];
  officers: readonly V8Handlaggare[];
};

const officer = (handlaggareId: number, signatur: string, fornamn: string, efternamn: string) => ({
  handlaggareId,
  signatur,
  fornamn,
  efternamn,
});

// Prefixes differ per municipality so that dnr stay unique in one shared instance (the simulator's
// choice; the sheet shows one municipality's `BYGG 2024-000668` only).
export const V8_MUNICIPALITIES: readonly V8Municipality[] = [
  {
    code: '2480',
    name: 'Umeå',
    diarieprefix: 'BN',
    referenceFormat: 'BN {yyyy}-{n:6}',
    namndkod: 'BN',
    enhetkod: 'BYGG',
    weight: 55,
    postNr: '903',
    ort: 'Umeå',
    trakter: ['UMEÅ GRANBARRET', 'UMEÅ NÄVERKONTEN', 'UMEÅ MOSSGLÄNTAN', 'UMEÅ TJÄDERSPELET'],
    officers: [
      officer(1101, 'ANBE', 'Anna', 'Berglund'),
      officer(1102, 'JOLI', 'Johan', 'Lindqvist'),
      officer(1103, 'SANO', 'Sara', 'Nordmark'),
    ],
  },
  {
    code: '2460',
    name: 'Vännäs',
    diarieprefix: 'VMB',
    referenceFormat: 'VMB {yyyy}-{n:4}',
    namndkod: 'MBN',
    enhetkod: 'MBK',
    weight: 18,
    postNr: '911',
    ort: 'Vännäs',
    trakter: ['VÄNNÄS LAVSKOGEN', 'VÄNNÄS MYRTUVAN'],
    officers: [officer(2101, 'MIHO', 'Mikael', 'Holmgren'), officer(2102, 'LIÅS', 'Lisa', 'Åström')],
  },
  {
    code: '2403',
    name: 'Bjurholm',
    diarieprefix: 'BJB',
    referenceFormat: 'BJB {yyyy}-{n:4}',
    namndkod: 'MBN',
    enhetkod: 'SBK',
    weight: 10,
    postNr: '916',
    ort: 'Bjurholm',
    trakter: ['BJURHOLM KRÅKRISBACKEN', 'BJURHOLM TESTFORSEN'],
    officers: [officer(3101, 'EVLU', 'Eva', 'Lundmark')],
  },
  {
    code: '2401',
    name: 'Nordmaling',
    diarieprefix: 'NMB',
    referenceFormat: 'NMB {yyyy}-{n:4}',
    namndkod: 'MBN',
    enhetkod: 'SBK',
    weight: 17,
    postNr: '914',
    ort: 'Nordmaling',
    trakter: ['NORDMALING PROVVIKEN', 'NORDMALING EXEMPELÖN'],
    officers: [officer(4101, 'PEHÄ', 'Per', 'Häggström'), officer(4102, 'KAMO', 'Karin', 'Moberg')],
  },
];

/** Looks a municipality up by code or name (case-insensitive). */
export function findMunicipality(codeOrName: string): V8Municipality | undefined {
  const wanted = codeOrName.trim().toLowerCase();
  return V8_MUNICIPALITIES.find((m) => m.code === wanted || m.name.toLowerCase() === wanted);
}
