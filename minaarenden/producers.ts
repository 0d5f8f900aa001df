/**
 * The municipalities that answer Mina ärenden through this hub: each one's kundhändelsetyp prefix,
 * producer name and API keys (kept only as SHA-256 hashes, compared in constant time).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lower-case hex digits (the SHA-256 of the key, never the key)');

export const ProducerSchema = z
  .object({
    /** SCB kommunkod: the `{municipalityId}` of the address Skatteverket is given. */
    municipality: z.string().regex(/^\d{4}$/, 'municipality must be the four-digit kommunkod'),
    /** The first segment of every kundhandelseTyp (A–Z only, as the standard's catalogue asks). */
    prefix: z.string().regex(/^[A-Z]{2,20}$/, 'prefix must be 2–20 letters A–Z (no å, ä, ö)'),
    /** The producer's name as residents see it (`producent`), e.g. "Umeå kommun". */
    name: z.string().trim().min(1).max(100),
    /** One key per client; more than one while a key is being replaced. */
    apiKeys: z
      .array(z.object({ sha256: Sha256Hex, label: z.string().min(1).max(60).optional() }).strict())
      .min(1)
      .max(10),
  })
  .strict();
export type Producer = z.infer<typeof ProducerSchema>;

export const ProducersFileSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version must be semver'),
    producers: z.array(ProducerSchema).max(300),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.producers.forEach((p, i) => {
      if (seen.has(p.municipality))
        ctx.addIssue({ code: 'custom', path: ['producers', i, 'municipality'], message: 'twice' });
      seen.add(p.municipality);
    });
  });

/** The configured producers by kommunkod. */
export type Producers = ReadonlyMap<string, Producer>;

export class ProducersError extends Error {}

/** SHA-256 of an API key, hex: what the producers file holds and what a presented key is compared as. */
export function apiKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Reads and validates the producers file (ARENDENAV_MINA_ARENDEN); a bad file stops start-up.
 *
 * @example
 * const producers = loadProducers('/etc/arendenav/mina-arenden.yaml');
 * producers.get('2480')?.prefix; // 'UMEA'
 */
export function loadProducers(file: string): Producers {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProducersError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  return producersFrom(raw, file);
}

/** Validates producers given as data (the demo's, a test's). */
export function producersFrom(raw: unknown, origin = 'producers'): Producers {
  const parsed = ProducersFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProducersError(
      `${origin}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return new Map(parsed.data.producers.map((p) => [p.municipality, p]));
}

/**
 * Whether `presented` is one of the producer's keys. Every configured hash is compared, in constant
 * time, whatever matched, so the time taken says nothing about which key (or how much of one) was right.
 */
export function keyMatches(producer: Producer, presented: string | undefined): boolean {
  if (presented === undefined || presented.length === 0 || presented.length > 512) return false;
  const given = Buffer.from(apiKeyHash(presented), 'hex');
  let match = false;
  for (const key of producer.apiKeys) {
    if (timingSafeEqual(given, Buffer.from(key.sha256, 'hex'))) match = true;
  }
  return match;
}
