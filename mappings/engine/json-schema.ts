/** JSON Schemas of the mapping and override formats, generated from the zod schemas so they never drift. */
import { z } from 'zod';
import { MappingSchema, OverrideSchema } from './mapping-schema.js';

function generate(schema: z.ZodType, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  return {
    ...json,
    title,
    $id: `https://arendenav.se/schemas/${title.toLowerCase().replaceAll(' ', '-')}.json`,
  };
}

export const SCHEMA_FILES = {
  'mapping.schema.json': () => generate(MappingSchema, 'Arendenav mapping'),
  'override.schema.json': () => generate(OverrideSchema, 'Arendenav mapping override'),
} as const;

/** Serialised exactly as committed under mappings/. */
export function schemaText(name: keyof typeof SCHEMA_FILES): string {
  return `${JSON.stringify(SCHEMA_FILES[name](), null, 2)}\n`;
}
