/** The simulated municipalities and their preschools and school units (invented names, real kommunkoder). */
import { simUuid } from './ids.js';

export type Group = { id: string; name: string };

export type SchoolUnit = {
  id: string;
  /** The vendor queue's numeric `unitid`. */
  unitNumber: number;
  name: string;
  /** `FS` for a preschool, `FTH` for a school unit with a fritidshem. */
  schoolType: 'FS' | 'FTH';
  /** Groups of `groupType` `Avdelning`. */
  groups: Group[];
};

export type Ss12000Municipality = {
  /** SCB kommunkod. */
  code: string;
  name: string;
  countyCode: number;
  postalCode: string;
  streets: readonly string[];
  units: SchoolUnit[];
};

type UnitSpec = [name: string, schoolType: 'FS' | 'FTH', groups: readonly string[]];

const PROFILES: Record<string, { name: string; postalCode: string; streets: string[]; units: UnitSpec[] }> = {
  '2480': {
    name: 'Umeå',
    postalCode: '903',
    streets: ['Provgatan', 'Testvägen', 'Exempelstigen', 'Påhittade gränd'],
    units: [
      ['Förskolan Granbacken', 'FS', ['Blåbäret', 'Lingonet', 'Hjortronet']],
      ['Förskolan Älvbrinken', 'FS', ['Ekorren', 'Haren']],
      ['Förskolan Tallåsen', 'FS', ['Myran', 'Nyckelpigan', 'Humlan']],
      ['Förskolan Snöstjärnan', 'FS', ['Norrsken', 'Midnattssol']],
      ['Provskolan F-6', 'FTH', ['Fritids Solrosen', 'Fritids Maskrosen']],
      ['Exempelskolan F-3', 'FTH', ['Fritids Kometen']],
    ],
  },
  '2460': {
    name: 'Vännäs',
    postalCode: '911',
    streets: ['Testbacken', 'Provvägen'],
    units: [
      ['Förskolan Järnvägsparken', 'FS', ['Rälsen', 'Lokomotivet']],
      ['Förskolan Vindelälven', 'FS', ['Forsen']],
      ['Testskolan F-6', 'FTH', ['Fritids Ängen']],
    ],
  },
};

/** Kommunkoder the simulator has data for. */
// Written out: Object.keys would sort numeric-looking keys, putting Vännäs first.
export const SS12000_MUNICIPALITIES: readonly string[] = ['2480', '2460'];

export function createMunicipality(seed: number, code: string): Ss12000Municipality {
  const profile = PROFILES[code];
  if (!profile) throw new RangeError(`no simulated SS 12000 data for kommunkod ${code}`);
  return {
    code,
    name: profile.name,
    countyCode: Number(code.slice(0, 2)),
    postalCode: profile.postalCode,
    streets: profile.streets,
    units: profile.units.map(([name, schoolType, groups], u) => ({
      id: simUuid(seed, code, 'unit', u),
      unitNumber: Number(code) * 100 + u + 1,
      name,
      schoolType,
      groups: groups.map((g, i) => ({ id: simUuid(seed, code, 'group', u, i), name: g })),
    })),
  };
}
