/**
 * The sources file (ARENDENAV_CONFIG): which office systems to sync, how, and with which mapping; and
 * how long the hub keeps what it must keep for a while (retention, from the dokumenthanteringsplan).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ConnectorDefinition } from '../connectors/contract.js';
import type { MappingRegistry } from '../mappings/registry.js';
import type { SourceSettings } from './engine.js';
import { DEFAULT_QUARANTINE_LIMIT } from './quarantine-limit.js';

const Secret = z.object({ env: z.string().regex(/^[A-Z][A-Z0-9_]*$/) }).strict();

const SourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'id is lower-case letters, digits and dashes'),
    municipality: z.string().regex(/^\d{4}$/),
    kind: z.string(),
    mapping: z.string(),
    everySeconds: z.number().int().min(1).default(300),
    callTimeoutMs: z.number().int().min(100).default(10_000),
    freshnessSeconds: z.number().int().min(1).default(3600),
    /**
     * How long a run's lease holds without renewal (it is renewed after every unit): after an
     * instance dies mid-run, another takes the source over once it runs out. Default: 30 s, or four
     * call timeouts when that is longer.
     */
    leaseSeconds: z.number().int().min(2).max(3600).optional(),
    retry: z
      .object({
        maxAttempts: z.number().int().min(0).max(20).default(4),
        initialDelayMs: z.number().int().min(1).default(500),
        maxDelayMs: z.number().int().min(1).default(30_000),
      })
      .strict()
      .default({ maxAttempts: 4, initialDelayMs: 500, maxDelayMs: 30_000 }),
    breaker: z
      .object({
        consecutiveFailures: z.number().int().min(1).default(3),
        halfOpenAfterMs: z.number().int().min(100).default(60_000),
      })
      .strict()
      .default({ consecutiveFailures: 3, halfOpenAfterMs: 60_000 }),
    quarantine: z
      .object({
        maxShare: z.number().min(0).max(1).default(DEFAULT_QUARANTINE_LIMIT.maxShare),
        windowRuns: z.number().int().min(1).max(100).default(DEFAULT_QUARANTINE_LIMIT.windowRuns),
        minRecords: z.number().int().min(1).default(DEFAULT_QUARANTINE_LIMIT.minRecords),
      })
      .strict()
      .default(DEFAULT_QUARANTINE_LIMIT),
    config: z.record(z.string(), z.unknown()),
  })
  .strict();

/**
 * Retention periods. The defaults are a starting point, not a decision: the municipality's
 * dokumenthanteringsplan (records-management plan) decides, and these follow it.
 */
export const RetentionSchema = z
  .object({
    /** A record that failed mapping is kept (sealed) this long after it first failed. */
    quarantineDays: z.number().int().min(1).max(3650).default(30),
    /** Audit entries (who read which case). The database refuses fewer than 180 days. */
    auditDays: z.number().int().min(180, 'audit entries are kept at least 180 days').max(36_500).default(730),
    /** A closed contact of the information center is anonymised this many months after closing. */
    contactMonths: z.number().int().min(1).max(1200).default(24),
    /** A municipality's own period for its contacts (kommunkod → months), from its records-management plan. */
    contactMonthsByMunicipality: z
      .record(
        z.string().regex(/^\d{4}$/, 'a kommunkod is four digits in quotes, e.g. "2480"'),
        z.number().int().min(1).max(1200),
      )
      .default({}),
    /** An event of the outbox is kept this long after it was written (for replays), once no receiver has it pending. */
    eventDays: z.number().int().min(1).max(3650).default(30),
    /** How often the retention job runs (one hub instance at a time). */
    everyMinutes: z.number().int().min(1).max(1440).default(60),
  })
  .strict();
export type RetentionSettings = z.infer<typeof RetentionSchema>;
export const DEFAULT_RETENTION: RetentionSettings = RetentionSchema.parse({});

const FileSchema = z
  .object({ retention: RetentionSchema.default(DEFAULT_RETENTION), sources: z.array(SourceSchema) })
  .strict();

export type SourceDefinition = { settings: SourceSettings; config: unknown };

export type HubConfig = { sources: SourceDefinition[]; retention: RetentionSettings };

type LoadOptions = {
  kinds: Readonly<Record<string, ConnectorDefinition<unknown>>>;
  mappings: MappingRegistry;
  readSecret: (name: string) => string | undefined;
};

export class SourcesConfigError extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SourcesConfigError';
  }
}

/** The sources of the sources file (see loadHubConfig). */
export function loadSourcesConfig(file: string, options: LoadOptions): SourceDefinition[] {
  return loadHubConfig(file, options).sources;
}

/**
 * Reads and validates the sources file against the connector kinds and loaded mappings, and its
 * retention periods. Secrets are given as `{ env: NAME }` and read through `readSecret`, so the file
 * itself holds none.
 */
export function loadHubConfig(file: string, options: LoadOptions): HubConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SourcesConfigError(file, [(error as Error).message.split('\n')[0] ?? 'unreadable']);
  }
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success)
    throw new SourcesConfigError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: SourceDefinition[] = [];
  for (const [i, source] of parsed.data.sources.entries()) {
    const at = `sources.${i} (${source.id})`;
    if (seen.has(source.id)) problems.push(`${at}: the id is used twice`);
    seen.add(source.id);
    if (source.leaseSeconds !== undefined && source.leaseSeconds * 1000 < 2 * source.callTimeoutMs)
      problems.push(
        `${at}.leaseSeconds: at least two call timeouts (${(2 * source.callTimeoutMs) / 1000} s)`,
      );
    const kind = options.kinds[source.kind];
    if (!kind) {
      problems.push(
        `${at}.kind: unknown connector kind "${source.kind}" (known: ${Object.keys(options.kinds).join(', ')})`,
      );
      continue;
    }
    if (!options.mappings.get(source.mapping, source.municipality)) {
      problems.push(`${at}.mapping: no mapping "${source.mapping}" for municipality ${source.municipality}`);
    }
    const config: Record<string, unknown> = { ...source.config };
    for (const key of kind.secrets) {
      const ref = Secret.safeParse(config[key]);
      if (config[key] === undefined) continue;
      if (!ref.success) {
        problems.push(`${at}.config.${key}: a secret is given as { env: NAME }, never written in the file`);
        continue;
      }
      const value = options.readSecret(ref.data.env);
      if (!value) problems.push(`${at}.config.${key}: environment variable ${ref.data.env} is not set`);
      config[key] = value;
    }
    for (const [key, value] of Object.entries(config)) {
      // Relative folders and files are relative to the sources file, so a config directory can be moved whole.
      if (typeof value === 'string' && /(?:Dir|Folder|File)$/.test(key) && !value.startsWith('/'))
        config[key] = resolve(dirname(file), value);
    }
    const checked = kind.configSchema.safeParse(config);
    if (!checked.success) {
      problems.push(
        ...checked.error.issues.map((issue) => `${at}.config.${issue.path.join('.')}: ${issue.message}`),
      );
      continue;
    }
    const { config: _c, ...settings } = source;
    out.push({ settings, config: checked.data });
  }
  if (problems.length > 0) throw new SourcesConfigError(file, problems);
  return { sources: out, retention: parsed.data.retention };
}
