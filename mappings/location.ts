/** Finds the shipped mappings folder from source (tests) and from the compiled `dist/` alike. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'mapping.schema.json';

/** The folder holding the shipped mapping files (the one with mapping.schema.json). */
export function shippedMappingsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, MARKER))) return dir;
    if (existsSync(join(dir, 'mappings', MARKER))) return join(dir, 'mappings');
    dir = dirname(dir);
  }
  throw new Error('cannot find the mappings folder (mapping.schema.json) next to the program');
}
