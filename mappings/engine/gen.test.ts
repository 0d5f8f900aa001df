import { it } from 'vitest';
import { schemaText } from './json-schema.js';

it('gen', () => {
  const t = schemaText('mapping.schema.json');
  console.log(t.length, t.slice(0, 1500));
});
