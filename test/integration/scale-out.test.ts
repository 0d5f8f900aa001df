/**
 * The scale-out drill: two real `arendenav serve` processes (from dist/) on one PostgreSQL and one
 * RabbitMQ, behind a round-robin proxy that does not retry. Sign-in and forms cross instances, rate
 * limits hold for the whole service, each source is pulled by one instance at a time, and a kill -9 in
 * the middle of a sync run, of an event flood and of client requests loses nothing: the other instance
 * takes the source over, consumes what the dead one left unacknowledged, and the clients' own retries
 * reach it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOmsorgData } from '../../simulators/case-data/index.js';
import { publishOmsorgEvents } from '../../simulators/omsorg/publish.js';
import { TEST_PERSON_REF_KEY } from '../support/app.js';
import { TEST_CASE_ID_KEY } from '../support/cases.js';
import { type CountingSource, startCountingSource } from '../support/counting-source.js';
import { freshDatabase } from '../support/databases.js';
import { freePort } from '../support/free-port.js';
import { type HubProcess, startHubProcess } from '../support/hub-process.js';
import {
  HUB_AUDIENCE,
  HUB_RESOURCE,
  type OidcProviderHandle,
  PAGES_CLIENT_ID,
  startOidcProvider,
} from '../support/oidc-provider.js';
import { needs } from '../support/requirements.js';
import { type RoundRobinProxy, startRoundRobinProxy } from '../support/round-robin-proxy.js';
import { makeThrowawayPki, type ThrowawayPki } from '../support/throwaway-pki.js';

const DATABASE_URL = needs('postgres', import.meta.url);
const AMQP_URL = needs('rabbitmq', import.meta.url) as string;
const RECORDS = 600;
const EVENTS = 800;
const SOURCE = 'umea-skola';
/** The child's personnummer in every placement the REST source serves (its golden example's). */
const PLACEMENT_CHILD = '202208722385';
const SUFFIX = randomBytes(4).toString('hex');
const QUEUE = `arendenav.scale.${SUFFIX}`;
const EXCHANGE = `omsorg.scale.${SUFFIX}`;
/** The shipped search budget per signed-in person and minute (app/rate-limit.ts). */
const PER_PRINCIPAL = 120;

const until = async (check: () => Promise<boolean>, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Cookies per origin, as a browser keeps them (paths and expiry do not matter in this drill). */
function cookieJar() {
  const jars = new Map<string, Map<string, string>>();
  const jar = (url: string) => {
    const origin = new URL(url).origin;
    const found = jars.get(origin) ?? new Map<string, string>();
    jars.set(origin, found);
    return found;
  };
  return {
    async fetch(url: string, init: RequestInit = {}): Promise<Response> {
      const cookies = jar(url);
      const res = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        if (/max-age=0/i.test(line) || at === pair.length - 1) cookies.delete(pair.slice(0, at));
        else cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return res;
    },
    names: (url: string) => [...jar(url).keys()],
  };
}

async function queue(name: string): Promise<{ messageCount: number; consumerCount: number }> {
  const conn = await amqp.connect(AMQP_URL);
  try {
    return await (await conn.createChannel()).checkQueue(name);
  } finally {
    await conn.close();
  }
}

const formOf = (html: string) => {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in ${html.slice(0, 500)}`);
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
  return { action: action.replaceAll('&amp;', '&'), fields };
};

describe.runIf(DATABASE_URL && AMQP_URL)(
  'scale-out drill: two hub processes behind a round-robin proxy',
  () => {
    let pki: ThrowawayPki;
    let idp: OidcProviderHandle;
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let source: CountingSource;
    let proxy: RoundRobinProxy;
    let hubs: HubProcess[] = [];
    let dir: string;
    const count = async (sql: string) => Number((await database.db.query<{ n: string }>(sql)).rows[0]?.n);

    beforeAll(async () => {
      pki = makeThrowawayPki();
      // As in production, the hub refuses a plain-http identity provider: it is https here, under a
      // throwaway CA that this process and the hubs (NODE_EXTRA_CA_CERTS) trust.
      setDefaultCACertificates([...getCACertificates('default'), pki.read(pki.files.ca).toString()]);
      const proxyPort = await freePort();
      const publicUrl = `http://127.0.0.1:${proxyPort}`;
      idp = await startOidcProvider({
        pagesRedirectUri: `${publicUrl}/logga-in/klar`,
        tls: { key: pki.read(pki.files.serverKey), cert: pki.read(pki.files.serverCert) },
      });
      database = await freshDatabase('postgres');
      source = await startCountingSource({ records: RECORDS, delayMs: 60 });
      dir = mkdtempSync(join(tmpdir(), 'arendenav-scale-out-'));
      writeFileSync(
        join(dir, 'sources.yaml'),
        [
          'sources:',
          `  - id: ${SOURCE}`,
          '    municipality: "2480"',
          '    kind: rest',
          '    mapping: ss12000/placering',
          '    everySeconds: 1',
          '    callTimeoutMs: 1000',
          // A short lease, so the survivor takes over within seconds of a kill -9.
          '    leaseSeconds: 2',
          '    retry: { maxAttempts: 1, initialDelayMs: 50, maxDelayMs: 100 }',
          `    config: { baseUrl: "${source.url}", listPath: ${source.listPath}, pageSize: 20 }`,
          '  - id: umea-omsorg-events',
          '    municipality: "2480"',
          '    kind: amqp',
          '    mapping: omsorg-xml/socialtjanst',
          // Both instances consume one queue: each message reaches one of them.
          `    config: { url: { env: OMSORG_AMQP_URL }, exchange: ${EXCHANGE}, queue: ${QUEUE}, routingKeys: ["arende.#"], prefetch: 20, reconnectDelayMs: 200 }`,
          '',
        ].join('\n'),
      );
      const env = {
        DATABASE_URL: database.url as string,
        OIDC_ISSUER: idp.issuer,
        OIDC_AUDIENCE: HUB_AUDIENCE,
        OIDC_CLIENT_ID: PAGES_CLIENT_ID,
        OIDC_CLIENT_SECRET: idp.pagesClientSecret,
        OIDC_RESOURCE: HUB_RESOURCE,
        OIDC_SCOPE: 'openid cases',
        ARENDENAV_PUBLIC_URL: publicUrl,
        PERSON_REF_KEY: TEST_PERSON_REF_KEY,
        CASE_ID_KEY: TEST_CASE_ID_KEY,
        ARENDENAV_CONFIG: join(dir, 'sources.yaml'),
        ARENDENAV_METRICS_PORT: 'off',
        NODE_EXTRA_CA_CERTS: pki.files.ca,
        OMSORG_AMQP_URL: AMQP_URL,
        LOG_LEVEL: 'warn',
      };
      hubs = await Promise.all(['a', 'b'].map((name) => startHubProcess(name, env)));
      await until(
        async () => (await queue(QUEUE).catch(() => ({ consumerCount: 0 }))).consumerCount === 2,
        'two consumers',
      );
      proxy = await startRoundRobinProxy(
        hubs.map((h) => ({ name: h.name, port: h.port })),
        // Passive health check: after a failure the balancer skips that instance for a while.
        { port: proxyPort, failTimeoutMs: 10_000 },
      );
    }, 60_000);

    afterAll(async () => {
      await Promise.all(hubs.map((h) => h.stop('SIGKILL')));
      await proxy?.close();
      await source?.close();
      await idp?.close();
      await database?.drop();
      pki?.remove();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('a sign-in started on one instance completes on the other; the session and form tokens hold on both', async () => {
      const browser = cookieJar();
      const start = await browser.fetch(`${proxy.url}/logga-in/start?next=/staff`);
      expect(start.status).toBe(302);
      const first = start.headers.get('x-upstream');
      // At the provider: its login and consent forms, then back to the hub's callback.
      let location = start.headers.get('location') as string;
      let callback: string | undefined;
      for (let step = 0; step < 12 && !callback; step++) {
        const res = await browser.fetch(location);
        if (res.status >= 300 && res.status < 400) {
          location = new URL(res.headers.get('location') as string, location).href;
          if (location.startsWith(proxy.url)) callback = location;
          continue;
        }
        const form = formOf(await res.text());
        const body = new URLSearchParams({ ...form.fields, login: 'infocenter', password: 'any' });
        const posted = await browser.fetch(new URL(form.action, location).href, { method: 'POST', body });
        location = new URL(posted.headers.get('location') as string, location).href;
        if (location.startsWith(proxy.url)) callback = location;
      }
      expect(callback).toContain('/logga-in/klar?');
      const landed = await browser.fetch(callback as string);
      expect(landed.status).toBe(200);
      const second = landed.headers.get('x-upstream');
      expect(second).not.toBe(first);
      expect(browser.names(proxy.url)).toContain('__Host-arendenav_session');

      // The session made by the second instance is good on the first; the form it renders carries a
      // CSRF token that the second accepts.
      const staff = await browser.fetch(`${proxy.url}/staff`);
      expect([staff.status, staff.headers.get('x-upstream')]).toEqual([200, first]);
      const token = formOf(await staff.text()).fields._csrf as string;
      expect(token).toMatch(/^[\w-]{43}$/);
      const post = (csrf: string) =>
        browser.fetch(`${proxy.url}/staff/sok`, {
          method: 'POST',
          headers: { origin: proxy.url, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, q: 'BN 2026-000123' }),
        });
      const searched = await post(token);
      expect([searched.status, searched.headers.get('x-upstream')]).toEqual([200, second]);
      expect(await searched.text()).toContain('BN 2026-000123');
      // Not a check that lets everything through: a token that is not this browser's is refused.
      const forged = await post(`${token.slice(0, -2)}AA`);
      expect([forged.status, forged.headers.get('x-upstream')]).toEqual([403, first]);
    });

    it('rate limits hold for the whole service: two instances allow the configured total, not twice it', async () => {
      const token = await idp.tokenFor('officer');
      // The counters use fixed minute windows: do not start a burst a moment before one ends.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
      const served: { status: number; upstream: string | null }[] = [];
      const ask = async () => {
        const res = await fetch(`${proxy.url}/api/v1/cases/00000000-0000-5000-8000-000000000001`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await res.body?.cancel();
        served.push({ status: res.status, upstream: res.headers.get('x-upstream') });
      };
      for (let i = 0; i < PER_PRINCIPAL + 40; i += 4) await Promise.all([ask(), ask(), ask(), ask()]);
      const limited = served.filter((s) => s.status === 429);
      expect(served.filter((s) => s.status !== 429).length).toBe(PER_PRINCIPAL);
      expect(limited.length).toBe(40);
      // Both instances answered and both refused: one budget, counted in PostgreSQL.
      for (const name of ['a', 'b']) {
        expect(served.filter((s) => s.upstream === name).length).toBe((PER_PRINCIPAL + 40) / 2);
        expect(limited.filter((s) => s.upstream === name).length).toBeGreaterThan(0);
      }
    });

    it('kill -9 mid-run, mid-flood and mid-request: the other instance takes over, nothing is lost, clients retry', async () => {
      const citizen = await idp.tokenFor('citizen');
      const placements = "SELECT count(*) AS n FROM cases WHERE domain = 'school_placement'";
      const socialCases = "SELECT count(*) AS n FROM cases WHERE domain = 'social_services'";
      source.open();
      await until(async () => (await count(placements)) >= RECORDS / 4, 'a quarter stored');
      // A flood of events on the queue both instances consume, under way when the kill comes.
      const events = createOmsorgData({ cases: EVENTS, seed: 41 }).list();
      const publishing = publishOmsorgEvents(AMQP_URL, EXCHANGE, events);
      await until(async () => (await count(socialCases)) >= EVENTS / 10, 'the first events stored');
      const owner = (
        await database.db.query<{ lease_owner: string | null }>(
          'SELECT lease_owner FROM sync_sources WHERE source_id = $1',
          [SOURCE],
        )
      ).rows[0]?.lease_owner;
      const victim = hubs.find((h) => owner?.endsWith(`:${h.child.pid}`));
      if (!victim) throw new Error(`no hub holds the lease (owner ${owner})`);
      const survivor = hubs.find((h) => h !== victim) as HubProcess;

      // Clients keep asking through the proxy while the instance dies; each retries on its own.
      let asking = true;
      const outcomes: { attempts: number; status: number }[] = [];
      const client = async () => {
        while (asking) {
          let attempts = 0;
          let status = 0;
          while (attempts < 5) {
            attempts++;
            status = await fetch(`${proxy.url}/api/v1/me/cases`, {
              headers: { authorization: `Bearer ${citizen}` },
            })
              .then(async (r) => {
                await r.body?.cancel();
                return r.status;
              })
              .catch(() => 0);
            if (status !== 502 && status !== 0) break;
          }
          outcomes.push({ attempts, status });
        }
      };
      const clients = Promise.all([client(), client(), client(), client()]);
      await new Promise((r) => setTimeout(r, 100));
      const storedAtKill = await count(placements);
      const eventsAtKill = await count(socialCases);
      victim.child.kill('SIGKILL');
      await until(async () => victim.exited(), 'the victim to die', 5000);
      await new Promise((r) => setTimeout(r, 500));
      asking = false;
      await clients;

      await publishing;
      await until(async () => (await count(placements)) === RECORDS, 'every record stored');
      await until(async () => (await count(socialCases)) === EVENTS, 'every event stored');
      await until(async () => (await queue(QUEUE)).messageCount === 0, 'an empty queue');
      await until(
        async () =>
          (await count("SELECT count(*) AS n FROM sync_runs WHERE stored > 0 AND outcome = 'ok'")) === 1,
        'the survivor’s run to finish',
      );
      expect(storedAtKill).toBeLessThan(RECORDS);
      // Every record and event once: one case per source id, nothing quarantined or dead-lettered.
      const stored = await database.db.query<{ source_id: string }>(
        "SELECT source_id FROM cases WHERE domain = 'school_placement'",
      );
      expect(stored.rows.map((r) => r.source_id).sort()).toEqual([...source.ids].sort());
      const storedEvents = await database.db.query<{ source_id: string }>(
        "SELECT source_id FROM cases WHERE domain = 'social_services'",
      );
      expect(storedEvents.rows.map((r) => r.source_id).sort()).toEqual(events.map((e) => e['@id']).sort());
      expect(
        await count(
          "SELECT count(*) AS n FROM case_status_history h JOIN cases c ON c.id = h.case_id WHERE c.domain = 'school_placement'",
        ),
      ).toBe(RECORDS);
      // A redelivered event (stored by the victim, not yet acknowledged) adds no second history entry.
      expect(
        await count(
          'SELECT count(*) AS n FROM (SELECT 1 FROM case_status_history GROUP BY case_id, code, since HAVING count(*) > 1) d',
        ),
      ).toBe(0);
      expect(await count('SELECT count(*) AS n FROM quarantine')).toBe(0);
      expect((await queue(`${QUEUE}.dead`)).messageCount).toBe(0);
      // The survivor finished the run the victim began, from the victim's last committed cursor; the
      // victim's run never finished.
      const isVictim = (owner: string) => owner.endsWith(`:${victim.child.pid}`);
      const runs = await database.db.query<{ owner: string; outcome: string | null; stored: number }>(
        'SELECT owner, outcome, stored FROM sync_runs WHERE stored > 0 OR finished_at IS NULL ORDER BY id',
      );
      const takeover = runs.rows.filter((r) => isVictim(r.owner) || r.stored > 0);
      expect(takeover.map((r) => [isVictim(r.owner) ? 'victim' : 'survivor', r.outcome])).toEqual([
        ['victim', null],
        ['survivor', 'ok'],
      ]);
      const survivorStored = takeover[1]?.stored ?? 0;
      expect(survivorStored).toBeLessThanOrEqual(RECORDS - storedAtKill + 20);
      // One instance pulled at a time, all along.
      expect(source.stats().maxInFlight).toBe(1);
      // Each client call succeeded in the end; those that met the dead instance retried to the other.
      expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
      expect(outcomes.some((o) => o.attempts > 1)).toBe(true);
      expect(proxy.log.some((l) => l.startsWith(`${victim.name}!`))).toBe(true);
      expect(survivor.exited()).toBe(false);
      // Nothing either process wrote (its log, down to the moment it died) names a person's number.
      const numbers = new Set(
        [...JSON.stringify([events, PLACEMENT_CHILD]).matchAll(/\b(\d{8})-?(\d{4})\b/g)].map(
          (m) => `${m[1]}${m[2]}`,
        ),
      );
      expect(numbers.size).toBeGreaterThan(1);
      for (const hub of hubs) {
        // Separators dropped (hyphens, dashes, spaces), so 19900321-2389 and 19900321 2389 are caught.
        const digits = hub.output().replace(/[\s\-\u2013]/g, '');
        for (const number of numbers) expect(digits).not.toContain(number.slice(2));
      }
      console.info(
        JSON.stringify({
          drill: 'scale-out kill -9',
          pull: {
            published: RECORDS,
            storedAtKill,
            storedBySurvivor: survivorStored,
            stored: stored.rows.length,
            quarantined: 0,
            lost: RECORDS - stored.rows.length,
          },
          events: {
            published: EVENTS,
            storedAtKill: eventsAtKill,
            stored: storedEvents.rows.length,
            quarantined: 0,
            deadLettered: 0,
            lost: EVENTS - storedEvents.rows.length,
          },
          pagesServed: source.stats().pages,
          clientCalls: outcomes.length,
          clientRetries: outcomes.filter((o) => o.attempts > 1).length,
          proxyFailures: proxy.log.filter((l) => l.includes('!')),
        }),
      );
    }, 40_000);
  },
);
