/** Reads and validates the contact topics file once at start; a bad file stops start-up with its problems listed. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type ContactTopics, TopicsFileSchema } from './topic-schema.js';

/** The shipped file (topics for the demo's four municipalities). */
export function defaultTopicsFile(): string {
  // Beside this module: the build copies it into dist/contacts/ as it does the municipalities file.
  return fileURLToPath(new URL('./topics.yaml', import.meta.url));
}

export class TopicsError extends Error {}

/** A bad municipality code says what a code is (zod's own message for a record key is only "Invalid key"). */
function messageOf(issue: { code: string; message: string; issues?: { message: string }[] }): string {
  return issue.code === 'invalid_key' && issue.issues?.length
    ? issue.issues.map((i) => i.message).join('; ')
    : issue.message;
}

/**
 * @example
 * const topics = loadTopics(env.ARENDENAV_CONTACT_TOPICS);
 * topics.get('2480')?.get('bygglov')?.label.sv; // 'Bygglov och anmälan'
 */
export function loadTopics(file: string = defaultTopicsFile()): ContactTopics {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TopicsError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = TopicsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new TopicsError(
      `${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${messageOf(i)}`).join('\n')}`,
    );
  }
  return new Map(
    Object.entries(parsed.data.municipalities).map(([code, topics]) => [
      code,
      new Map(topics.map((t) => [t.code, t])),
    ]),
  );
}
