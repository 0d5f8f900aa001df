/** Reads and validates the contact topics file once at start; a bad file stops start-up with its problems listed. */
import { fileURLToPath } from 'node:url';
import { type ContactTopics, TopicsFileSchema } from './topic-schema.js';
import { readYamlFile } from './yaml-file.js';

/** The shipped file (topics for the demo's four municipalities). */
export function defaultTopicsFile(): string {
  // Beside this module: the build copies it into dist/contacts/ as it does the municipalities file.
  return fileURLToPath(new URL('./topics.yaml', import.meta.url));
}

export class TopicsError extends Error {}

/**
 * @example
 * const topics = loadTopics(env.ARENDENAV_CONTACT_TOPICS);
 * topics.get('2480')?.get('bygglov')?.label.sv; // 'Bygglov och anmälan'
 */
export function loadTopics(file: string = defaultTopicsFile()): ContactTopics {
  const data = readYamlFile(file, TopicsFileSchema, (message) => new TopicsError(message));
  return new Map(
    Object.entries(data.municipalities).map(([code, topics]) => [
      code,
      new Map(
        topics.map((t) => [
          t.code,
          {
            code: t.code,
            label: t.label,
            ...(t.domain ? { domain: t.domain } : {}),
            serviceNorm: {
              default: t.serviceNorm?.default ?? data.serviceNorm,
              offices: t.serviceNorm?.offices ?? {},
            },
          },
        ]),
      ),
    ]),
  );
}
