/** Prometheus metrics of the sync engine, labelled by source id (never by record). */
import { Counter, Gauge, type Registry } from 'prom-client';

export function createSyncMetrics(registry: Registry) {
  return {
    records: new Counter({
      name: 'arendenav_sync_records_total',
      help: 'Source records processed, by source and outcome (stored, quarantined), and list items a mapping left out of stored cases (item_left_out)',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    runs: new Counter({
      name: 'arendenav_sync_runs_total',
      help: 'Sync runs by source and outcome',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    lookUps: new Counter({
      name: 'arendenav_lookup_total',
      help: "Look-ups on demand (a staff search asking a source for a person's or organisation's cases), by source and outcome (ok, failed, remembered)",
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    lastSuccess: new Gauge({
      name: 'arendenav_sync_last_success_timestamp_seconds',
      help: 'Unix time of the last successful sync run per source',
      labelNames: ['source'],
      registers: [registry],
    }),
    circuitOpen: new Gauge({
      name: 'arendenav_sync_circuit_open',
      help: '1 while the circuit breaker of a source is open',
      labelNames: ['source'],
      registers: [registry],
    }),
    connected: new Gauge({
      name: 'arendenav_sync_source_connected',
      help: '1 while a push source (a message broker) is connected, 0 while it is not',
      labelNames: ['source'],
      registers: [registry],
    }),
    failing: new Gauge({
      name: 'arendenav_sync_source_failing',
      help: '1 while a source is reported failing: its last run failed (an error, the store away, or too many records quarantined)',
      labelNames: ['source'],
      registers: [registry],
    }),
    quarantinedShare: new Gauge({
      name: 'arendenav_sync_quarantined_share',
      help: "Share (0-1) of records quarantined over a source's latest runs, judged against its quarantine limit",
      labelNames: ['source'],
      registers: [registry],
    }),
  };
}

export type SyncMetrics = ReturnType<typeof createSyncMetrics>;
