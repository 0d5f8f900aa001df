/**
 * The question Skatteverket's vidareförmedlingstjänst asks (`KundhandelseFragaRequest`) and the
 * shapes of the answer, with the constraints the reference producer enforces
 * (../shared/contracts/mina-arenden-kundhandelser.md §2).
 */
import { z } from 'zod';

export const SORT_ATTRIBUTES = [
  'RUBRIK',
  'BESKRIVNING',
  'PRODUCENT',
  'TIDPUNKT',
  'KUNDHANDELSETYP',
  'PRODUCENTARENDETKRAVERKUNDATGARD',
  'PRODUCENTARENDETKLART',
] as const;
export type SortAttribute = (typeof SORT_ATTRIBUTES)[number];

const TWELVE_DIGITS = /^\d{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date that exists (2026-02-30 is refused, not rolled over). */
const Datum = z
  .string()
  .regex(DATE, 'must be a date YYYY-MM-DD')
  .refine((d) => {
    const at = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(d);
  }, 'must be a date that exists');

export const KundSchema = z.object({
  identifierare: z.string().regex(TWELVE_DIGITS, 'must be 12 digits'),
  typ: z.enum(['Personnummer', 'Organisationsnummer', 'Samordningsnummer']),
  tillagg: z.string().max(20).nullish(),
});
export type Kund = z.infer<typeof KundSchema>;

export const ArendeSchema = z.object({
  identifierare: z.string().min(1).max(100),
  typ: z.enum(['Konsumentreferens', 'Producentarendereferens', 'Diarienummer', 'Kvittensnummer']),
});
export type Arende = z.infer<typeof ArendeSchema>;

export const PartSchema = z
  .object({ kund: KundSchema.optional(), arende: ArendeSchema.optional() })
  .refine((p) => p.kund !== undefined || p.arende !== undefined, 'a part needs kund, arende or both');
export type Part = z.infer<typeof PartSchema>;

export const SorteringSchema = z.object({ attribut: z.enum(SORT_ATTRIBUTES), stigande: z.boolean() });
export type Sortering = z.infer<typeof SorteringSchema>;

export const BehandlingSchema = z
  .object({
    sortering: z.array(SorteringSchema).max(SORT_ATTRIBUTES.length).optional(),
    paginering: z
      .object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000).optional() })
      .optional(),
  })
  .refine((b) => b.paginering === undefined || (b.sortering?.length ?? 0) > 0, {
    message: 'paginering requires sortering',
    path: ['paginering'],
  });
export type Behandling = z.infer<typeof BehandlingSchema>;

export const FragaSchema = z
  .object({
    parter: z.array(PartSchema).min(1, 'at least one part').max(100),
    kundhandelseTyper: z
      .array(
        z
          .string()
          .max(200)
          .regex(/^[A-Z]+(?:\.[A-Z0-9_.]+)?$/, 'must be a kundhandelseTyp or a prefix of one'),
      )
      .max(100)
      .optional(),
    taggar: z.array(z.string().min(1).max(100)).max(100).optional(),
    startDatum: Datum.optional(),
    slutDatum: Datum.optional(),
    behandling: BehandlingSchema.optional(),
  })
  .refine((f) => !f.startDatum || !f.slutDatum || f.startDatum <= f.slutDatum, {
    message: 'startDatum must not be after slutDatum',
    path: ['slutDatum'],
  });
export type Fraga = z.infer<typeof FragaSchema>;

/** Unknown fields are ignored, not refused: a field Skatteverket adds later must not stop every answer. */
export const KundhandelseFragaSchema = z.object({
  anvandare: z.string().regex(TWELVE_DIGITS, 'must be 12 digits'),
  fraga: FragaSchema,
});
export type KundhandelseFraga = z.infer<typeof KundhandelseFragaSchema>;

/** One event as returned (`Kundhandelse`). */
export type Kundhandelse = {
  kundhandelseId: string;
  rubrik: string;
  beskrivning: string;
  sprak: string;
  producent: string;
  tidpunkt: string;
  kundhandelseTyp: string;
  producentarendetKraverKundatgard: boolean;
  producentarendetKlart: boolean;
  version: string;
  utokadInformation?: Record<string, unknown>;
  referenser?: Record<string, unknown>;
};

/** The outcome for one source (and part): `OK` with 200, or why events may be missing. */
export type Delfraga = { producent: string; part: Part; status: string; message: string; httpCode: number };

export type KundhandelseFragaResponse = {
  kundhandelser: { part: Part; totaltAntalKundhandelser: number; kundhandelserForPart: Kundhandelse[] }[];
  metadata: {
    parter: Part[];
    kundhandelseTyper?: string[];
    taggar?: string[];
    startDatum?: string;
    slutDatum?: string;
    onskatSprak?: string;
    behandling?: Behandling;
  };
  delfragor: Delfraga[];
};
