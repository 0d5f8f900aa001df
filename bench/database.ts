/** The bench's own PostgreSQL database: started by scripts/ensure-postgres.sh, created when absent. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connectPostgres } from '../store/db.js';
import { DEFAULT_ROWS } from './options.js';

/** The repository root, whether this runs from bench/ (tsx) or dist/bench/ (compiled). */
export const REPO_ROOT = fileURLToPath(
  new URL(import.meta.url.includes('/dist/bench/') ? '../../' : '../', import.meta.url),
);

/** Runs the project's script (installs/starts the private cluster) and returns its URL. */
export function ensurePostgres(): string {
  const out = execFileSync('bash', ['scripts/ensure-postgres.sh'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = out.trim().split('\n').at(-1);
  if (!url?.startsWith('postgres://')) throw new Error(`ensure-postgres.sh printed no URL: ${out}`);
  return url;
}

/** Runs the project's script (installs/starts RabbitMQ on loopback) and returns its URL. */
export function ensureRabbitmq(): string {
  const out = execFileSync('bash', ['scripts/ensure-rabbitmq.sh'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = out.trim().split('\n').at(-1);
  if (!url?.startsWith('amqp://')) throw new Error(`ensure-rabbitmq.sh printed no URL: ${out}`);
  return url;
}

/**
 * A smaller --rows gets its own database, so a quick run never wipes the full million
 * that took minutes to load.
 */
export function benchDatabaseName(rows: number): string {
  return rows === DEFAULT_ROWS ? 'arendenav_bench' : `arendenav_bench_${rows}`;
}

/** Creates `name` on the server of `serverUrl` when it does not exist; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const admin = await connectPostgres(serverUrl, { max: 1 });
  try {
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
