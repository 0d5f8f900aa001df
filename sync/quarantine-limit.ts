/**
 * When quarantining counts as failing: a source whose records mostly do not map is as broken as one
 * that does not answer (a page of junk, a changed format), even though every run "succeeds". Over the
 * last `windowRuns` runs that saw records, more than `maxShare` of them quarantined fails the run, so
 * the circuit, the failure count, the sources view and the alert treat it like any failure.
 */
import { ConnectorError } from '../connectors/contract.js';

export type QuarantineLimit = {
  /** Share of records (0–1) quarantined over the window above which the source is failing. */
  maxShare: number;
  /** How many of the latest runs that saw records are counted. */
  windowRuns: number;
  /** Fewer records than this over the window are too few to judge by. */
  minRecords: number;
};

export const DEFAULT_QUARANTINE_LIMIT: QuarantineLimit = { maxShare: 0.5, windowRuns: 3, minRecords: 1 };

type RunCounts = { stored: number; quarantined: number };

/** The run failed by the quarantine limit; the counts are for the alert, the message for the view. */
export class QuarantineLimitError extends ConnectorError {
  constructor(
    readonly counts: { quarantined: number; seen: number; runs: number },
    limit: QuarantineLimit,
  ) {
    super(
      'bad_data',
      `${counts.quarantined} of ${counts.seen} records quarantined over the last ${counts.runs} run(s), above the limit of ${Math.round(limit.maxShare * 100)} %`,
      { retryable: false },
    );
  }
}

/**
 * Remembers each source's latest runs (in this process) and judges a finished run. A run that
 * quarantined nothing is never failing by this rule, so a repaired source is well again at once.
 *
 * @example
 * const limits = createQuarantineWindow();
 * const { share, error } = limits.check('umea-skola', DEFAULT_QUARANTINE_LIMIT, { stored: 2, quarantined: 98 });
 */
export function createQuarantineWindow() {
  const windows = new Map<string, RunCounts[]>();
  return {
    /** The share quarantined over the window after this run (for the metric), and the error when above the limit. */
    check(
      sourceId: string,
      limit: QuarantineLimit,
      run: RunCounts,
    ): { share: number; error?: QuarantineLimitError } {
      if (run.stored + run.quarantined > 0) {
        windows.set(sourceId, [...(windows.get(sourceId) ?? []), run].slice(-limit.windowRuns));
      }
      const window = windows.get(sourceId) ?? [];
      const quarantined = window.reduce((n, r) => n + r.quarantined, 0);
      const seen = window.reduce((n, r) => n + r.stored + r.quarantined, 0);
      const share = seen === 0 ? 0 : quarantined / seen;
      if (run.quarantined > 0 && seen >= limit.minRecords && share > limit.maxShare)
        return { share, error: new QuarantineLimitError({ quarantined, seen, runs: window.length }, limit) };
      return { share };
    },
  };
}
