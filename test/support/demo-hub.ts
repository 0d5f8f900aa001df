/**
 * The demo exactly as `./scripts/start.sh` runs it (compiled hub, simulated office systems, embedded
 * store), on a free loopback port with its own data directory. Its log goes to .tmp/test-output so the
 * personal-data scan after the suite covers it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtDist } from './built-dist.js';
import { runLogged, spawnLogged } from './child-process.js';
import { freePort } from './free-port.js';

const CLI = fileURLToPath(new URL('cli/main.js', await builtDist()));

export type DemoHub = {
  url: string;
  /** A case number the demo prints as its example. */
  sampleReference: string;
  /** The demo's data directory (its omsorg export inbox is `omsorg-inbox` in it). */
  dataDir: string;
  /** A persona's token; `municipality` signs a staff persona in for another one (e.g. Vännäs's admin). */
  token(persona: string, municipality?: string): Promise<string>;
  stop(): Promise<void>;
};

/** `env`: settings on top of the demo's own (e.g. SMTP_URL of a loopback SMTP server). */
export async function startDemoHub(options: { env?: Record<string, string> } = {}): Promise<DemoHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arendenav-e2e-'));
  const [port, metricsPort] = [await freePort(), await freePort()];
  const env = {
    PATH: process.env.PATH,
    PORT: String(port),
    HOST: '127.0.0.1',
    ARENDENAV_DATA_DIR: dataDir,
    // Not the default 9464: two demo hubs (or a developer's own) must not collide.
    ARENDENAV_METRICS_PORT: String(metricsPort),
    ...options.env,
  };
  const child: ChildProcess = spawnLogged(process.execPath, [CLI, 'demo'], { env });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the demo hub exited (${code}); see .tmp/test-output`))),
  );
  const url = `http://127.0.0.1:${port}`;
  const hub: DemoHub = {
    url,
    sampleReference: '',
    dataDir,
    async token(persona, municipality) {
      const args = [CLI, 'demo-token', '--persona', persona];
      if (municipality) args.push('--municipality', municipality);
      const { stdout: token } = await runLogged(process.execPath, args, { env });
      return token.trim();
    },
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.race([exited, waitForSync(hub, () => stdout)]);
  } catch (error) {
    await hub.stop();
    throw error;
  }
  hub.sampleReference = /"reference":"([^"]+)"/.exec(stdout)?.[1] ?? '';
  return hub;
}

/** The municipalities the demo's simulated sources serve (demo/simulated-sources.ts). */
const DEMO_MUNICIPALITIES = ['2480', '2460', '2403', '2401'];

/** Ready when every simulated source has been synced once. */
async function waitForSync(hub: DemoHub, stdout: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!stdout().includes('Try:')) {
    if (Date.now() > deadline) throw new Error('the demo hub did not start within 90 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  // An admin sees the sources of their own municipality: one admin per demo municipality.
  const tokens = await Promise.all(DEMO_MUNICIPALITIES.map((m) => hub.token('admin', m)));
  type Status = { lastSuccessAt: string | null; nextRunAt: string | null; running: boolean };
  // A look-up-only source (placement-status) has no schedule and never syncs: nothing to wait for.
  const synced = (s: Status) => s.lastSuccessAt || (s.nextRunAt === null && !s.running);
  while (Date.now() < deadline) {
    const lists = await Promise.all(
      tokens.map(async (token) => {
        const res = await fetch(`${hub.url}/api/v1/sources`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return ((await res.json()) as { items: Status[] }).items;
      }),
    );
    if (lists.every((items) => items.length > 0 && items.every(synced))) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the demo sources were not synced within 90 s');
}
