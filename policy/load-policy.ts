/** Reads and validates a policy file; a bad file stops start-up with its problems listed. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { type Policy, PolicySchema } from './policy-schema.js';

/** The shipped default policy file. */
export function defaultPolicyFile(): string {
  // Beside this module: the build copies it into dist/policy/ as it does the SQL migrations.
  return fileURLToPath(new URL('./default-policy.yaml', import.meta.url));
}

/** The example policy of a region with an agreement (Umeåregionen), which the demo runs with. */
export function regionExamplePolicyFile(): string {
  return fileURLToPath(new URL('./examples/umearegionen.yaml', import.meta.url));
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
      `${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${messageOf(i)}`).join('\n')}`,
    );
  }
  return parsed.data;
}

/** A bad record key (e.g. a kommunkod written 181) says what is wrong with it, not only "invalid key". */
function messageOf(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_key' ? issue.issues.map((i) => i.message).join('; ') : issue.message;
}
