/** Reads and validates a municipalities file once at start; a bad file stops start-up with its problems listed. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type Municipalities, MunicipalitiesFileSchema } from './municipality-schema.js';

/** The shipped file (the demo's four municipalities, example contact data). */
export function defaultMunicipalitiesFile(): string {
  // Beside this module: the build copies it into dist/municipalities/ as it does the default policy.
  return fileURLToPath(new URL('./municipalities.yaml', import.meta.url));
}

export class MunicipalitiesError extends Error {}

/**
 * @example
 * const municipalities = loadMunicipalities(env.ARENDENAV_MUNICIPALITIES);
 * municipalities.get('2480')?.name; // 'Umeå'
 */
export function loadMunicipalities(file: string = defaultMunicipalitiesFile()): Municipalities {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MunicipalitiesError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = MunicipalitiesFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new MunicipalitiesError(
      `${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return new Map(parsed.data.municipalities.map((m) => [m.code, m]));
}
