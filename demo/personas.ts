/**
 * Demo personas for the built-in sign-in (demo mode only); numbers come from Skatteverket's test series.
 * Staff carry a municipality (kommunkod) and an office: without a municipality a staff token sees no cases.
 */
import type { Role } from '../app/principal.js';

export type Persona = {
  id: string;
  role: Role;
  /** Invented display name, for the sign-in page only; never put into tokens. */
  label: string;
  description: { sv: string; en: string; ar: string };
  office?: string;
  municipality?: string;
  personnummer?: string;
};

export const PERSONAS: readonly Persona[] = [
  {
    id: 'medborgare',
    role: 'citizen',
    label: 'Maja Testberg',
    description: {
      sv: 'Medborgare med ärenden hos bygglov, skola och socialtjänst',
      en: 'Citizen with cases in building permits, schools and social services',
      ar: 'مواطنة لديها قضايا في تراخيص البناء والمدارس والخدمات الاجتماعية',
    },
    personnummer: '19900321-2389',
  },
  {
    id: 'skyddad',
    role: 'citizen',
    label: 'Kim Skyddsdal',
    description: {
      sv: 'Medborgare med skyddade personuppgifter',
      en: 'Citizen with protected identity',
      ar: 'مواطن ذو هوية محمية',
    },
    personnummer: '19900604-2395',
  },
  {
    id: 'infocenter',
    role: 'infocenter',
    label: 'Kim Kontaktcenter',
    description: {
      sv: 'Handläggare på kontaktcenter, Umeå kommun',
      en: 'Contact-centre agent, Umeå municipality',
      ar: 'موظف مركز الاتصال، بلدية أوميو',
    },
    office: 'KC',
    municipality: '2480',
  },
  {
    // A colleague at the same center: publishing needs a second pair of eyes (docs/knowledge.md).
    id: 'kc-umea-2',
    role: 'infocenter',
    label: 'Sam Kontaktcenter',
    description: {
      sv: 'Handläggare på kontaktcenter, Umeå kommun (granskar kunskapsposter)',
      en: 'Contact-centre agent, Umeå municipality (reviews knowledge entries)',
      ar: 'موظف مركز الاتصال، بلدية أوميو (يراجع مدخلات المعرفة)',
    },
    office: 'KC',
    municipality: '2480',
  },
  {
    // Served by the example agreement in policy/examples/umearegionen.yaml (the demo's policy).
    id: 'kc-bjurholm',
    role: 'infocenter',
    label: 'Robin Regionkontakt',
    description: {
      sv: 'Regionalt informationscenter i Bjurholm: bygglov och skola för Umeå, Vännäs, Bjurholm och Nordmaling',
      en: 'Regional information center in Bjurholm: building permits and schools for Umeå, Vännäs, Bjurholm and Nordmaling',
      ar: 'مركز المعلومات الإقليمي في بيورهولم: تراخيص البناء والمدارس لأوميو وفينيس وبيورهولم ونوردمالينغ',
    },
    office: 'KC',
    municipality: '2403',
  },
  {
    id: 'bygglov',
    role: 'officer',
    label: 'Bo Byggare',
    description: {
      sv: 'Bygglovshandläggare, byggnadsnämnden Umeå',
      en: 'Building-permit officer, Umeå building committee',
      ar: 'موظف تراخيص البناء، لجنة البناء في أوميو',
    },
    office: 'BN',
    municipality: '2480',
  },
  {
    id: 'admin',
    role: 'admin',
    label: 'Alex Systemförvaltare',
    description: {
      sv: 'Systemförvaltare, Umeå kommun',
      en: 'System owner / operator, Umeå municipality',
      ar: 'مسؤول النظام، بلدية أوميو',
    },
    // An admin administers one municipality's sources, subscriptions and audit (issue 15, 16).
    municipality: '2480',
  },
];

export function findPersona(id: string): Persona | undefined {
  return PERSONAS.find((p) => p.id === id);
}
