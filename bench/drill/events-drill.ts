/**
 * The events-out fault drill (issue 15): status changes written to the case store while every
 * subscriber's relays deliver them and each subscriber suffers its fault (a broker killed with -9, a
 * webhook receiver down for a minute). At the end every subscriber must have received every event,
 * per case in position order after deduplication by id; duplicates are counted (at least once).
 *
 * A subscriber is self-contained (its receiving end, its relays, its fault), so adding one is adding
 * one object to the list.
 */
import { loadPolicy } from '../../policy/load-policy.js';
import { searchIndexRule } from '../../policy/protected-identity.js';
import type { StatusCode } from '../../schemas/case.js';
import { createCaseStore } from '../../store/case-store.js';
import type { Db } from '../../store/db.js';
import { makeCase } from '../../test/support/cases.js';

/** One message as a subscriber received it. */
export type Receipt = { id: string; caseId: string; position: number };

export type DrillSubscriber = {
  /** Its subscription id in the outbox, and its name in the summary. */
  name: string;
  /** Sets up its receiving end and starts its relays (before any event is written). */
  start(): Promise<void>;
  /** Every message received, in arrival order, duplicates included. */
  received(): readonly Receipt[];
  /** Its fault: run once `at` (0…1) of the changes are written; resolves when over, with a line for the summary. */
  fault?: { at: number; run(): Promise<string> };
  stop(): Promise<void>;
};

export type DrillOptions = {
  db: Db;
  subscribers: DrillSubscriber[];
  /** Status changes to write (the full drill: 10,000). */
  changes: number;
  /** Over how many cases. */
  cases: number;
  /** Cases per upsert transaction. */
  batch?: number;
  /** Transactions in flight at once. */
  writers?: number;
  /** How long to wait for the last events after writing ended (ms). */
  settleTimeoutMs?: number;
  /** How often to log progress (ms). */
  progressMs?: number;
  log?: (line: string) => void;
};

export type SubscriberResult = {
  name: string;
  messages: number;
  distinct: number;
  duplicates: number;
  missing: number;
  unexpected: number;
  /** Cases whose events, first receipts only, were not exactly the case's events in position order. */
  orderViolations: number;
  /** The first case out of order: its positions as written and as first received. */
  example?: string;
  dead: number;
  /** From the first write until every event was in (s); undefined when some never came. */
  allInSeconds: number | undefined;
  fault: string | undefined;
};

export type DrillResult = {
  written: number;
  cases: number;
  writeSeconds: number;
  subscribers: SubscriberResult[];
};

// Consecutive entries differ, so every write is a status change and writes one event.
const CYCLE: StatusCode[] = [
  'received',
  'registered',
  'in_progress',
  'awaiting_applicant',
  'in_progress',
  'decided',
];
export const MUNICIPALITIES = [
  { code: '2480', name: 'Umeå' },
  { code: '2460', name: 'Vännäs' },
  { code: '2403', name: 'Bjurholm' },
  { code: '2401', name: 'Nordmaling' },
];

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** Writes `changes` status changes over `cases` cases: round after round, each case once per round. */
async function writeChanges(options: DrillOptions, onProgress: (written: number) => void): Promise<number> {
  const store = createCaseStore(options.db, { searchIndex: searchIndexRule(loadPolicy()) });
  const batch = options.batch ?? 50;
  const writers = options.writers ?? 4;
  const rounds = Math.ceil(options.changes / options.cases);
  let written = 0;
  for (let round = 0; round < rounds; round += 1) {
    const inRound = Math.min(options.cases, options.changes - round * options.cases);
    const chunks: number[][] = [];
    for (let n = 0; n < inRound; n += batch)
      chunks.push(Array.from({ length: Math.min(batch, inRound - n) }, (_, i) => n + i));
    let next = 0;
    const worker = async () => {
      for (let chunk = chunks[next++]; chunk; chunk = chunks[next++]) {
        await store.upsertMany(
          chunk.map((n) =>
            makeCase({
              sourceId: `drill-${n}`,
              municipality: MUNICIPALITIES[n % MUNICIPALITIES.length],
              status: CYCLE[round % CYCLE.length],
              updatedAt: new Date(Date.UTC(2026, 0, 1) + round * 3_600_000).toISOString(),
            }),
          ),
        );
        written += chunk.length;
        onProgress(written);
      }
    };
    await Promise.all(Array.from({ length: writers }, worker));
  }
  return written;
}

type Written = { ids: Set<string>; perCase: Map<string, number[]> };

async function writtenEvents(db: Db): Promise<Written> {
  const { rows } = await db.query<{ id: string; case_id: string; position: string }>(
    'SELECT e.id, e.case_id, e.position::text FROM case_events e ORDER BY e.position',
  );
  const perCase = new Map<string, number[]>();
  for (const r of rows) perCase.set(r.case_id, [...(perCase.get(r.case_id) ?? []), Number(r.position)]);
  return { ids: new Set(rows.map((r) => r.id)), perCase };
}

function distinctIn(receipts: readonly Receipt[], ids: Set<string>): number {
  const seen = new Set<string>();
  for (const r of receipts) if (ids.has(r.id)) seen.add(r.id);
  return seen.size;
}

/** What a subscriber received, checked against what was written. */
export function check(
  name: string,
  receipts: readonly Receipt[],
  written: Written,
): Omit<SubscriberResult, 'dead' | 'allInSeconds' | 'fault'> {
  const firsts = new Map<string, number[]>();
  const seen = new Set<string>();
  let unexpected = 0;
  for (const r of receipts) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    if (!written.ids.has(r.id)) unexpected += 1;
    firsts.set(r.caseId, [...(firsts.get(r.caseId) ?? []), r.position]);
  }
  let orderViolations = 0;
  let example: string | undefined;
  for (const [caseId, positions] of written.perCase) {
    const got = firsts.get(caseId) ?? [];
    if (got.length !== positions.length || got.some((p, i) => p !== positions[i])) {
      orderViolations += 1;
      example ??= `positions written ${positions.join(',')}; first received ${got.join(',')}`;
    }
  }
  const distinct = seen.size - unexpected;
  return {
    name,
    messages: receipts.length,
    distinct,
    duplicates: receipts.length - seen.size,
    missing: written.ids.size - distinct,
    unexpected,
    orderViolations,
    ...(example === undefined ? {} : { example }),
  };
}

/**
 * @example
 * const result = await runEventsDrill({ db, subscribers: [amqp], changes: 10_000, cases: 500 });
 * console.log(drillSummary(result));
 */
export async function runEventsDrill(options: DrillOptions): Promise<DrillResult> {
  const log = options.log ?? (() => {});
  for (const s of options.subscribers) await s.start();
  const faults: Promise<void>[] = [];
  const faultLines = new Map<string, string>();
  const pendingFaults = options.subscribers.filter((s) => s.fault);
  const started = Date.now();
  const allIn = new Map<string, number>();
  let writtenSoFar = 0;
  const progress = setInterval(() => {
    const at = seconds(Date.now() - started);
    const got = options.subscribers.map((s) => `${s.name} ${new Set(s.received().map((r) => r.id)).size}`);
    // Settled as delivered in the outbox, beside received: tells a stalled relay from a stalled receiver.
    void options.db
      .query<{ subscription_id: string; n: string }>(
        `SELECT subscription_id, count(*)::text AS n FROM event_deliveries WHERE state = 'delivered' GROUP BY 1`,
      )
      .then(({ rows }) => {
        const settled = rows.map((r) => `${r.subscription_id} ${r.n}`).join(', ') || 'none';
        log(`${at} s: ${writtenSoFar} written; received ${got.join(', ')}; settled as delivered ${settled}`);
      })
      .catch(() => {});
  }, options.progressMs ?? 5_000);
  try {
    const written = await writeChanges(options, (n) => {
      writtenSoFar = n;
      for (const s of [...pendingFaults]) {
        if (n < (s.fault?.at ?? 0) * options.changes) continue;
        pendingFaults.splice(pendingFaults.indexOf(s), 1);
        const at = `at ${seconds(Date.now() - started)} s (${n} written)`;
        log(`${s.name}: fault ${at}`);
        faults.push(
          (s.fault as NonNullable<DrillSubscriber['fault']>).run().then((line) => {
            faultLines.set(s.name, `${at}: ${line}`);
            log(`${s.name}: ${line}`);
          }),
        );
      }
    });
    const writeSeconds = seconds(Date.now() - started);
    log(`${written} changes written in ${writeSeconds} s`);
    await Promise.all(faults);
    const events = await writtenEvents(options.db);
    const deadline = Date.now() + (options.settleTimeoutMs ?? 300_000);
    while (Date.now() < deadline && allIn.size < options.subscribers.length) {
      for (const s of options.subscribers) {
        if (!allIn.has(s.name) && distinctIn(s.received(), events.ids) === events.ids.size)
          allIn.set(s.name, Date.now());
      }
      if (allIn.size < options.subscribers.length) await new Promise((r) => setTimeout(r, 200));
    }
    // A moment more, so that late duplicates are counted too.
    await new Promise((r) => setTimeout(r, 1_000));
    const { rows: dead } = await options.db.query<{ subscription_id: string; n: string }>(
      `SELECT subscription_id, count(*)::text AS n FROM event_deliveries WHERE state = 'dead' GROUP BY 1`,
    );
    return {
      written: events.ids.size,
      cases: events.perCase.size,
      writeSeconds,
      subscribers: options.subscribers.map((s) => {
        const at = allIn.get(s.name);
        return {
          ...check(s.name, s.received(), events),
          dead: Number(dead.find((d) => d.subscription_id === s.name)?.n ?? 0),
          allInSeconds: at === undefined ? undefined : seconds(at - started),
          fault: faultLines.get(s.name),
        };
      }),
    };
  } finally {
    clearInterval(progress);
    for (const s of options.subscribers) await s.stop().catch(() => {});
  }
}

/** True when every subscriber got every event, in order per case, and none went dead. */
export function drillPassed(result: DrillResult): boolean {
  return result.subscribers.every(
    (s) => s.missing === 0 && s.unexpected === 0 && s.orderViolations === 0 && s.dead === 0,
  );
}

const n = (x: number) => x.toLocaleString('en-US');

/** A summary to paste into the issue's note. */
export function drillSummary(result: DrillResult): string {
  const lines = [
    `Events drill: ${n(result.written)} status changes over ${n(result.cases)} cases, written in ${result.writeSeconds} s ` +
      `(${n(Math.round(result.written / Math.max(result.writeSeconds, 0.1)))}/s) while delivering.`,
    '',
    '| subscriber | messages | distinct events | duplicates | missing | order violations | dead | all in after | fault |',
    '|---|---|---|---|---|---|---|---|---|',
    ...result.subscribers.map(
      (s) =>
        `| ${s.name} | ${n(s.messages)} | ${n(s.distinct)} | ${n(s.duplicates)} | ${n(s.missing)} | ${n(s.orderViolations)} | ` +
        `${n(s.dead)} | ${s.allInSeconds === undefined ? 'never' : `${s.allInSeconds} s`} | ${s.fault ?? '—'} |`,
    ),
    ...result.subscribers
      .filter((s) => s.example)
      .map((s) => `${s.name}, first case out of order: ${s.example}`),
    '',
    drillPassed(result)
      ? 'Every event reached every subscriber, exactly once after deduplication by id, in order per case.'
      : 'FAILED: some subscriber missed events, got them out of order, or has dead deliveries.',
  ];
  return lines.join('\n');
}
