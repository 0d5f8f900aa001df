/**
 * Production carries no demo: `arendenav serve` started for real (PostgreSQL, an OpenID provider)
 * loads no module from demo/ or simulators/, while the demo commands do load them — which shows the
 * recorder sees modules imported lazily.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PERSON_REF_KEY } from '../support/app.js';
import { builtDist } from '../support/built-dist.js';
import { TEST_CASE_ID_KEY } from '../support/cases.js';
import { runLogged as run, spawnLogged } from '../support/child-process.js';
import { backends, freshDatabase } from '../support/databases.js';
import { freePort } from '../support/free-port.js';
import { HUB_AUDIENCE, type OidcProviderHandle, startOidcProvider } from '../support/oidc-provider.js';

const DIST = (await builtDist()).href;
const CLI = fileURLToPath(new URL('cli/main.js', DIST));
const RECORDER = new URL('../support/record-modules.mjs', import.meta.url).pathname;
const DEMO_CODE = new RegExp(`^${DIST}(demo|simulators)/`);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'arendenav-modules-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadedBy(log: string): string[] {
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('what each command loads', () => {
  it('the demo commands load demo code lazily, and the recorder sees it', async () => {
    const log = join(dir, 'demo-token.txt');
    await run(process.execPath, ['--import', RECORDER, CLI, 'demo-token', '--persona', 'infocenter'], {
      env: { PATH: process.env.PATH, ARENDENAV_DATA_DIR: dir, ARENDENAV_MODULE_LOG: log },
    });
    expect(loadedBy(log).filter((url) => DEMO_CODE.test(url)).length).toBeGreaterThan(0);
  });

  it('--help loads no demo code', async () => {
    const log = join(dir, 'help.txt');
    await run(process.execPath, ['--import', RECORDER, CLI, '--help'], {
      env: { PATH: process.env.PATH, ARENDENAV_MODULE_LOG: log },
    });
    expect(loadedBy(log).filter((url) => DEMO_CODE.test(url))).toEqual([]);
  });
});

// `serve` needs a PostgreSQL server; without one this file fails (test/support/requirements.ts).
for (const backend of backends(import.meta.url).filter((b) => b === 'postgres')) {
  describe(`arendenav serve on ${backend}`, () => {
    let idp: OidcProviderHandle;
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    beforeAll(async () => {
      idp = await startOidcProvider();
      database = await freshDatabase('postgres');
    });
    afterAll(async () => {
      await idp?.close();
      await database?.drop();
    });

    it('starts, answers and stops without loading any module from demo/ or simulators/', async () => {
      const log = join(dir, 'serve.txt');
      const [port, metricsPort] = [await freePort(), await freePort()];
      const child: ChildProcess = spawnLogged(process.execPath, ['--import', RECORDER, CLI, 'serve'], {
        env: {
          PATH: process.env.PATH,
          PORT: String(port),
          ARENDENAV_METRICS_PORT: String(metricsPort),
          HOST: '127.0.0.1',
          DATABASE_URL: database.url,
          OIDC_ISSUER: idp.issuer,
          OIDC_AUDIENCE: HUB_AUDIENCE,
          PERSON_REF_KEY: TEST_PERSON_REF_KEY,
          CASE_ID_KEY: TEST_CASE_ID_KEY,
          LOG_LEVEL: 'warn',
          ARENDENAV_MODULE_LOG: log,
        },
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      try {
        let ready = false;
        for (let i = 0; i < 100 && !ready && child.exitCode === null; i++) {
          ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
            (r) => r.ok,
            () => false,
          );
          if (!ready) await new Promise((r) => setTimeout(r, 100));
        }
        expect(ready, stderr).toBe(true);
        // A page and the API answer: the pages and their sign-in were loaded too.
        expect((await fetch(`http://127.0.0.1:${port}/logga-in`)).status).toBe(200);
        // Metrics only on their own loopback listener; the public one has none (no token configured).
        expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
        const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
        expect(metrics.status).toBe(200);
        expect(await metrics.text()).toContain('arendenav_http_requests_total');
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
      const modules = loadedBy(log);
      expect(modules.some((url) => url.startsWith(`${DIST}pages/`))).toBe(true);
      expect(modules.filter((url) => DEMO_CODE.test(url))).toEqual([]);
    });
  });
}
