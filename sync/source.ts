/** What the engine holds for one configured source: its settings, connector, mapper and resilience policy. */
import type { circuitBreaker, IPolicy } from 'cockatiel';
import type { Connector } from '../connectors/contract.js';
import type { Mapper } from '../mappings/engine/index.js';
import type { QuarantineLimit } from './quarantine-limit.js';
import { sourcePolicy } from './resilience.js';

export type SourceSettings = {
  id: string;
  kind: string;
  municipality: string;
  mapping: string;
  everySeconds: number;
  callTimeoutMs: number;
  freshnessSeconds: number;
  /** The lease's length without renewal (see leaseMs in source-run.ts); absent → the default. */
  leaseSeconds?: number | undefined;
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** When quarantining counts as failing (see quarantine-limit.ts); absent: DEFAULT_QUARANTINE_LIMIT. */
  quarantine?: QuarantineLimit;
};

export type { RunOutcome } from '../schemas/source-status.js';

export type Source = {
  settings: SourceSettings;
  connector: Connector;
  mapper: Mapper;
  policy: IPolicy;
  breaker: ReturnType<typeof circuitBreaker>;
};

/** A source with its own breaker and retry policy, so one failing office system trips only its own circuit. */
export function createSource(settings: SourceSettings, connector: Connector, mapper: Mapper): Source {
  const { breaker, policy } = sourcePolicy(settings);
  return { settings, connector, mapper, breaker, policy };
}
