/** The `xml-file` connector: nightly export files dropped in a folder, each processed atomically. */
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defineConnector, type PullUnit } from '../contract.js';
import { readRecords } from './transport.js';

const ConfigSchema = z
  .object({
    inboxDir: z.string().min(1).describe('Folder the source system drops export files into'),
    processedDir: z.string().min(1).optional().describe('Default: <inboxDir>/processed'),
    failedDir: z.string().min(1).optional().describe('Default: <inboxDir>/failed'),
    pattern: z.string().default('\\.xml$').describe('Regular expression for file names to read'),
    recordElement: z
      .string()
      .regex(/^[A-Za-z_][\w.-]*$/)
      .default('Arende'),
    batchSize: z.number().int().min(1).max(10_000).default(500),
    maxRecordBytes: z
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
  })
  .strict();
export type XmlFileConfig = z.infer<typeof ConfigSchema>;

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

export const xmlFileConnector = defineConnector<XmlFileConfig>({
  kind: 'xml-file',
  version: '1.0.0',
  description: 'Export files in a folder: streamed record by record, stored all-or-nothing, then moved aside',
  configSchema: ConfigSchema,
  secrets: [],
  create(config) {
    const processed = config.processedDir ?? join(config.inboxDir, 'processed');
    const failed = config.failedDir ?? join(config.inboxDir, 'failed');
    const pattern = new RegExp(config.pattern);
    return {
      async *pull(): AsyncIterable<PullUnit> {
        mkdirSync(processed, { recursive: true });
        mkdirSync(failed, { recursive: true });
        // Names sort by export date; files still being written carry another suffix until renamed.
        const files = readdirSync(config.inboxDir)
          .filter((name) => pattern.test(name) && statSync(join(config.inboxDir, name)).isFile())
          .sort();
        for (const name of files) {
          const path = join(config.inboxDir, name);
          yield {
            batches: readRecords(path, config),
            cursor: null,
            label: name,
            async settle(outcome) {
              if (outcome.ok) {
                renameSync(path, join(processed, name));
                return;
              }
              // The hub failed (the store away), not the file: leave it in the inbox for the next run.
              if (outcome.retryable) return;
              const target = join(failed, `${stamp()}-${name}`);
              renameSync(path, target);
              writeFileSync(
                `${target}.error.json`,
                `${JSON.stringify({ file: name, failedAt: new Date().toISOString(), reason: outcome.reason, stored: 0 }, null, 2)}\n`,
              );
            },
          };
        }
      },
      async health() {
        try {
          readdirSync(config.inboxDir);
          return { ok: true, detail: `reading ${config.inboxDir}` };
        } catch {
          return { ok: false, detail: `cannot read ${config.inboxDir}` };
        }
      },
    };
  },
});
