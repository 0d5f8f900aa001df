/** The offices file: each municipality's offices' alert mailboxes, validated once at start. */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readYamlFile } from './yaml-file.js';

const OfficeSchema = z
  .object({ alertEmail: z.email('an e-mail address, e.g. bygglov@umea.example') })
  .strict();

export const OfficesFileSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version must be semver'),
    municipalities: z.record(
      z.string().regex(/^\d{4}$/, 'a kommunkod is four digits in quotes, e.g. "2480"'),
      z.record(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'an office code, e.g. BN'), OfficeSchema),
    ),
  })
  .strict();

/** municipality → office code → the office's alert mailbox. */
export type TaskOffices = ReadonlyMap<string, ReadonlyMap<string, { alertEmail: string }>>;

export class OfficesError extends Error {}

export function defaultOfficesFile(): string {
  return fileURLToPath(new URL('./offices.yaml', import.meta.url));
}

/**
 * @example
 * loadOffices().get('2480')?.get('BN')?.alertEmail; // 'bygglov@umea.example'
 */
export function loadOffices(file: string = defaultOfficesFile()): TaskOffices {
  const data = readYamlFile(file, OfficesFileSchema, (message) => new OfficesError(message));
  return new Map(
    Object.entries(data.municipalities).map(([code, offices]) => [code, new Map(Object.entries(offices))]),
  );
}
