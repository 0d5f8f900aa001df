/** The `xml-file` connector: nightly export files dropped in a folder, each processed atomically. */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConnectorError, defineConnector, type PullUnit } from '../contract.js';
import { createKeptFiles } from './kept-files.js';
import { readRecords } from './transport.js';

const Keep = (what: string) =>
  z
    .object({ days: z.number().int().min(0).max(3650) })
    .strict()
    .default({ days: 0 })
    .describe(
      `Days to keep ${what} files sealed (encrypted) before they are deleted; 0 deletes them at once`,
    );

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
    keepProcessed: Keep('processed'),
    keepFailed: Keep('refused'),
  })
  .strict();
export type XmlFileConfig = z.infer<typeof ConfigSchema>;

export const xmlFileConnector = defineConnector<XmlFileConfig>({
  kind: 'xml-file',
  version: '1.0.0',
  description:
    'Export files in a folder: streamed record by record, stored all-or-nothing, then deleted or kept sealed for a while',
  configSchema: ConfigSchema,
  secrets: [],
  create(config, services = {}) {
    const processed = config.processedDir ?? join(config.inboxDir, 'processed');
    const failed = config.failedDir ?? join(config.inboxDir, 'failed');
    const pattern = new RegExp(config.pattern);
    if ((config.keepProcessed.days > 0 || config.keepFailed.days > 0) && !services.sealer) {
      // Keeping a file means keeping it sealed; a connector without the hub's sealer must not keep any.
      throw new ConnectorError('config', 'keepProcessed/keepFailed need the hub to seal the files it keeps', {
        retryable: false,
      });
    }
    const kept = createKeptFiles({
      processedDir: processed,
      failedDir: failed,
      keepProcessed: config.keepProcessed,
      keepFailed: config.keepFailed,
      exportName: pattern,
      ...(services.sealer ? { sealer: services.sealer } : {}),
      now: services.now ?? (() => new Date()),
    });
    return {
      async *pull(): AsyncIterable<PullUnit> {
        // Only the hub reads what it sets aside (sealed, but still nobody else's business).
        mkdirSync(processed, { recursive: true, mode: 0o700 });
        mkdirSync(failed, { recursive: true, mode: 0o700 });
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
              if (outcome.ok) return kept.processed(path, name);
              // The hub failed (the store away), not the file: leave it in the inbox for the next run.
              if (outcome.retryable) return;
              await kept.failed(path, name, outcome.reason);
            },
          };
        }
      },
      prune: kept.prune,
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
