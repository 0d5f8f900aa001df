import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES, schemaText } from './json-schema.js';

describe('published JSON Schemas', () => {
  it.each(Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[])(
    'mappings/%s is current (regenerate with `arendenav mappings schema mappings`)',
    (name) => {
      expect(readFileSync(new URL(`../${name}`, import.meta.url), 'utf8')).toBe(schemaText(name));
    },
  );
});
