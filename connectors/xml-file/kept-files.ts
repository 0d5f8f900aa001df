/**
 * What becomes of an export file once its unit is settled: deleted, or kept sealed for a configured
 * number of days (processed and refused files alike), and the sweep that deletes what is past that.
 * Export files hold personnummer, names and `secret` fields in clear, so none is ever kept in clear.
 */
import { readdirSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileSealer } from '../contract.js';

export type Keep = { days: number };

const DAY_MS = 86_400_000;
/** A refused file's report (file name, time, reason: no contents) is kept at least this long. */
export const REPORT_DAYS = 30;
/** A temporary file left by a crash while sealing (ciphertext only) is removed after this. */
const TEMPORARY_MS = DAY_MS;

/** `2026-05-04T10-15-00-123Z`: when a file was set aside, sortable and safe in file names. */
export function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

const STAMPED = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-/;

function stampedAt(name: string): number | undefined {
  const m = STAMPED.exec(name);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : undefined;
}

export type KeptFilesOptions = {
  processedDir: string;
  failedDir: string;
  keepProcessed: Keep;
  keepFailed: Keep;
  /** Names of export files (the connector's pattern): a clear one found in processed/ or failed/ is removed. */
  exportName: RegExp;
  sealer?: FileSealer;
  now: () => Date;
};

/**
 * @example
 * const kept = createKeptFiles({ processedDir, failedDir, keepProcessed: { days: 0 }, keepFailed: { days: 30 }, exportName: /\.xml$/, sealer, now });
 * await kept.processed('/inbox/export.xml', 'export.xml');
 */
export function createKeptFiles(options: KeptFilesOptions) {
  const { sealer, now } = options;

  /** Seals `path` as `<dir>/<stamp>-<name>.sealed`, then removes the clear original; or only removes it. */
  async function dispose(path: string, dir: string, name: string, keep: Keep, at: Date): Promise<boolean> {
    if (keep.days > 0 && sealer) {
      await sealer.seal(path, join(dir, `${stamp(at)}-${name}.sealed`));
    }
    await rm(path, { force: true });
    return keep.days > 0 && Boolean(sealer);
  }

  function expired(name: string, days: number, at: number): boolean {
    const since = stampedAt(name);
    return since !== undefined && since + days * DAY_MS <= at;
  }

  /** Files in `dir` to remove now: sealed files and reports past their time, crash leftovers, clear exports. */
  function due(dir: string, keep: Keep, reportDays: number): string[] {
    const at = now().getTime();
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names.filter((name) => {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat?.isFile()) return false;
      if (name.startsWith('.') && name.endsWith('.sealing')) return stat.mtimeMs + TEMPORARY_MS <= at;
      if (name.endsWith('.sealed')) return expired(name, keep.days, at);
      if (name.endsWith('.error.json')) return expired(name, reportDays, at);
      // A clear export file here was set aside by an earlier version: it was never meant to stay.
      return options.exportName.test(name);
    });
  }

  return {
    /** After the unit committed: the file's data is in the hub, the file goes (or is sealed). */
    async processed(path: string, name: string): Promise<void> {
      await dispose(path, options.processedDir, name, options.keepProcessed, now());
    },

    /** A file refused as bad data: sealed for the operator to look at (or removed), with a report beside it. */
    async failed(path: string, name: string, reason: string): Promise<void> {
      const at = now();
      const kept = await dispose(path, options.failedDir, name, options.keepFailed, at);
      const reportDays = Math.max(options.keepFailed.days, REPORT_DAYS);
      const report = {
        file: name,
        failedAt: at.toISOString(),
        reason,
        stored: 0,
        kept: kept ? `${stamp(at)}-${name}.sealed` : null,
        removeAfter: new Date(at.getTime() + reportDays * DAY_MS).toISOString(),
      };
      await writeFile(
        join(options.failedDir, `${stamp(at)}-${name}.error.json`),
        `${JSON.stringify(report, null, 2)}\n`,
      );
    },

    /** Deletes (or, dry, counts) what is past its retention in processed/ and failed/. */
    async prune({ dryRun }: { dryRun: boolean }): Promise<{ removed: number }> {
      const reportDays = Math.max(options.keepFailed.days, REPORT_DAYS);
      const paths = [
        ...due(options.processedDir, options.keepProcessed, reportDays).map((n) =>
          join(options.processedDir, n),
        ),
        ...due(options.failedDir, options.keepFailed, reportDays).map((n) => join(options.failedDir, n)),
      ];
      if (!dryRun) for (const path of paths) await rm(path, { force: true });
      return { removed: paths.length };
    },
  };
}

export type KeptFiles = ReturnType<typeof createKeptFiles>;
