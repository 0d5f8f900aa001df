/**
 * The `placement-status` connector: whether a child is queueing for a preschool or leisure-time
 * place, or has an offer, from the vendor's application-status look-up by person (Tietoevry/Edlevo
 * Application Status API, XML). SS 12000 knows only granted placements, and the look-up is no change
 * feed: so this kind has no `pull`, only `findByParty`, asked when staff search a personnummer.
 * The vendor answers per child; with `persons` set, a guardian's children are found in SS 12000 first.
 */
import { z } from 'zod';
import { defineConnector, type PartyNumber } from '../contract.js';
import { createSs12000Http } from '../ss12000/transport.js';
import { familyOf, type Target } from './family.js';
import { lookUpApplications, where } from './transport.js';

const PersonsSchema = z
  .object({
    baseUrl: z.url().describe('SS 12000 API base up to the version, e.g. …/v2.0; /persons is appended'),
    tokenUrl: z.url(),
    clientId: z.string().min(1),
    scope: z
      .string()
      .min(1)
      .optional()
      .describe('Needs civic numbers and responsibles (IST: …api.civicno …api.responsibles)'),
    clientAuth: z.enum(['basic', 'form']).default('basic'),
    refreshBeforeSeconds: z.number().int().min(0).max(3600).default(60),
  })
  .strict();

const ConfigSchema = z
  .object({
    baseUrl: z
      .url()
      .describe(
        'The look-up base up to the version, e.g. https://…/applicationstatus/v1; the service is appended',
      ),
    service: z.string().regex(/^\w+$/).default('GetPreschoolLeisureTimeCenterApplication'),
    licenseKey: z.string().min(1).describe('Secret'),
    licenseKeyIn: z.enum(['header', 'query']).default('header').describe('x-license-key, or LicenseKey='),
    callTimeoutMs: z.number().int().min(100).max(60_000).default(5_000).describe('Per HTTP request'),
    maxChildren: z.number().int().min(1).max(20).default(10).describe('Children asked about per guardian'),
    persons: PersonsSchema.optional().describe("SS 12000, to find a guardian's children"),
    personsClientSecret: z.string().min(1).optional().describe('Secret, for persons'),
  })
  .strict()
  .refine((c) => (c.persons === undefined) === (c.personsClientSecret === undefined), {
    message: 'persons and personsClientSecret are given together',
    path: ['personsClientSecret'],
  });
export type PlacementStatusConfig = z.infer<typeof ConfigSchema>;

/** YYYYMMDD-NNNN → the 12 digits the look-up takes. */
const digits = (number: string) => number.replace(/\D/g, '');

export const placementStatusConnector = defineConnector<PlacementStatusConfig>({
  kind: 'placement-status',
  version: '1.0.0',
  description:
    'Preschool queue and offers from the vendor application-status look-up (XML), per person on demand',
  configSchema: ConfigSchema,
  secrets: ['licenseKey', 'personsClientSecret'],
  create(config) {
    const persons =
      config.persons && config.personsClientSecret
        ? {
            base: config.persons.baseUrl,
            http: createSs12000Http({ ...config.persons, clientSecret: config.personsClientSecret }),
          }
        : undefined;
    const signalFor = (outer: AbortSignal) =>
      AbortSignal.any([outer, AbortSignal.timeout(config.callTimeoutMs)]);
    return {
      async findByParty(party: PartyNumber, ctx) {
        // The vendor keeps applications of children; an organisation has none.
        if (party.kind !== 'person') return [];
        const asked = digits(party.number);
        const targets: Target[] = persons
          ? await familyOf(persons.http, persons.base, asked, config.maxChildren, signalFor(ctx.signal))
          : [{ number: asked, guardians: [] }];
        const answers = await Promise.all(
          targets.map(async (t) =>
            (await lookUpApplications(config, t.number, signalFor(ctx.signal))).map((r) => ({
              ...r,
              guardians: t.guardians,
            })),
          ),
        );
        // One application may be found twice (asked as the child and through a guardian): once is enough.
        const seen = new Set<unknown>();
        return answers.flat().filter((r) => {
          const id = r.preschoolleisuretimecenter.id ?? r.application?.id;
          if (id === undefined) return true;
          if (seen.has(id)) return false;
          seen.add(id);
          return true;
        });
      },
      async health() {
        // Any question would name a person; the look-up has no harmless call to make.
        return { ok: true, detail: `look-up at ${where(new URL(config.baseUrl))}, asked on demand only` };
      },
    };
  },
});
