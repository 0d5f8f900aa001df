/** Reads and validates a policy file; a bad file stops start-up with its problems listed. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type Policy, PolicySchema } from './policy-schema.js';

/** The shipped default policy file. */
export function defaultPolicyFile(): string {
  // Beside this module: the build copies it into dist/policy/ as it does the SQL migrations.
  return fileURLToPath(new URL('./default-policy.yaml', import.meta.url));
}

export class PolicyError extends Error {}

export function loadPolicy(file: string = defaultPolicyFile()): Policy {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = PolicySchema.safeParse(raw);
  if (!parsed.success) {
    throw new PolicyError(
      `${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}
