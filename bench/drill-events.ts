/**
 * `npm run drill:events`: the events-out fault drill of issue 15 at full size. Writes 10,000 status
 * changes into a fresh PostgreSQL database while two hub instances publish them to a throwaway
 * RabbitMQ node and post them to a webhook receiver, kills that node with -9 mid-way and restarts it,
 * takes the webhook receiver away for a minute, and prints a summary for the
 * issue's note. Exits 1 when any event is missing, out of order per case, or dead-lettered.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../app/logger.js';
import { freshPostgresDatabase } from '../test/support/databases.js';
import { startRabbitNode } from '../test/support/rabbitmq-node.js';
import { ensurePostgres } from './database.js';
import { amqpSubscriber } from './drill/amqp-subscriber.js';
import { drillPassed, drillSummary, runEventsDrill } from './drill/events-drill.js';
import { webhookSubscriber } from './drill/webhook-subscriber.js';

const USAGE = `Usage: npm run drill:events -- [options]
  --changes N    status changes to write (default 10000)
  --cases N      over how many cases (default 500)
  --kill-at F    share of the changes written when the broker is killed (default 0.4)
  --down S       seconds the broker stays down before it is restarted (default 5)
  --hook-down S  seconds the webhook receiver stays away (default 60)
  --postgres URL a PostgreSQL server to create the drill's database on (default: the one
                 scripts/ensure-postgres.sh starts)`;

function options() {
  const { values } = parseArgs({
    options: {
      changes: { type: 'string', default: '10000' },
      cases: { type: 'string', default: '500' },
      'kill-at': { type: 'string', default: '0.4' },
      down: { type: 'string', default: '5' },
      'hook-down': { type: 'string', default: '60' },
      postgres: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const changes = Number(values.changes.replace(/_/g, ''));
  const cases = Number(values.cases.replace(/_/g, ''));
  const killAt = Number(values['kill-at']);
  const downSeconds = Number(values.down);
  const hookDownSeconds = Number(values['hook-down']);
  const valid =
    Number.isInteger(changes) &&
    changes > 0 &&
    Number.isInteger(cases) &&
    cases > 0 &&
    killAt > 0 &&
    killAt < 1 &&
    downSeconds >= 0 &&
    hookDownSeconds >= 0;
  if (!valid) {
    console.error(USAGE);
    process.exit(2);
  }
  return {
    changes,
    cases,
    killAt,
    downMs: downSeconds * 1000,
    hookDownMs: hookDownSeconds * 1000,
    postgres: values.postgres,
  };
}

const log = (line: string) => console.log(`drill: ${line}`);

async function main(): Promise<number> {
  const o = options();
  const { db, drop } = await freshPostgresDatabase(o.postgres ?? ensurePostgres(), { max: 12 });
  log('starting a throwaway RabbitMQ node');
  const broker = await startRabbitNode('drill');
  log(`RabbitMQ node ${broker.nodeName} on 127.0.0.1:${broker.port}`);
  try {
    const logger = createLogger({ level: 'info', destination: process.stderr });
    const result = await runEventsDrill({
      db,
      subscribers: [
        amqpSubscriber({ db, broker, logger, killAt: o.killAt, downMs: o.downMs, log }),
        webhookSubscriber({ db, logger, downMs: o.hookDownMs, log }),
      ],
      changes: o.changes,
      cases: o.cases,
      log,
    });
    console.log(`\n${drillSummary(result)}`);
    return drillPassed(result) ? 0 : 1;
  } finally {
    await broker.remove();
    await drop();
  }
}

process.exitCode = await main();
