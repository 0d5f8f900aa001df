/**
 * The drill's webhook subscriber: a receiver on loopback that verifies every delivery's Standard
 * Webhooks signature and records it, registered as a webhook of the drill's municipality, delivered
 * to by the hub instances' webhook relays. Its fault: the receiver goes away (connections refused)
 * for `downMs` and comes back on the same port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import { parseEnv } from '../../app/env.js';
import { type HubEvents, hubEvents } from '../../app/hub-events.js';
import type { Logger } from '../../app/logger.js';
import { webhookReceivers } from '../../events/webhook-receivers.js';
import { newWebhookSecret, webhookSecretBox } from '../../events/webhook-secret.js';
import { loadMunicipalities } from '../../municipalities/load-municipalities.js';
import type { Db } from '../../store/db.js';
import { createSubscriptionStore } from '../../store/subscription-store.js';
import { BENCH_PERSON_REF_KEY } from '../generate-cases.js';
import { type DrillSubscriber, MUNICIPALITIES, type Receipt } from './events-drill.js';

export type WebhookSubscriberOptions = {
  db: Db;
  logger: Logger;
  /** Hub instances delivering at once (default 2). */
  hubs?: number;
  /** Share of the changes written when the receiver goes away (default 0.2). */
  downAt?: number;
  /** How long it stays away (default 60 s, as the drill asks). */
  downMs?: number;
  log?: (line: string) => void;
};

/**
 * @example
 * const hook = webhookSubscriber({ db, logger });
 * await runEventsDrill({ db, subscribers: [hook], changes: 10_000, cases: 500 });
 */
export function webhookSubscriber(options: WebhookSubscriberOptions): DrillSubscriber {
  const receipts: Receipt[] = [];
  const secret = newWebhookSecret();
  const verifier = new Webhook(secret);
  const running: HubEvents[] = [];
  let refused = 0;
  let server: Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((ready, fail) => {
      const s = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          try {
            verifier.verify(body, {
              'webhook-id': String(req.headers['webhook-id']),
              'webhook-timestamp': String(req.headers['webhook-timestamp']),
              'webhook-signature': String(req.headers['webhook-signature']),
            });
          } catch {
            refused += 1;
            res.writeHead(401).end();
            return;
          }
          const event = JSON.parse(body) as { id: string; subject: string; sequence: string };
          receipts.push({ id: event.id, caseId: event.subject, position: Number(event.sequence) });
          res.writeHead(204).end();
        });
      });
      s.once('error', fail);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        port = (s.address() as AddressInfo).port;
        ready();
      });
    });
  const close = () =>
    new Promise<void>((done) => {
      const s = server;
      server = undefined;
      if (!s) return done();
      s.close(() => done());
      s.closeAllConnections();
    });

  return {
    name: 'webhook',
    async start() {
      await listen();
      // Registered before the first event is written: an event is fanned out to the receivers subscribed then.
      await createSubscriptionStore(options.db).insert({
        // Its id is its name in the drill's summary (and where its dead deliveries are counted).
        id: 'webhook',
        url: `http://127.0.0.1:${port}/hooks/arendenav`,
        secretSealed: webhookSecretBox(BENCH_PERSON_REF_KEY).seal(secret),
        // The drill writes cases of the region's municipalities: a receiver of all of them.
        municipalities: MUNICIPALITIES.map((m) => m.code),
        types: null,
        alertEmail: null,
        description: 'fault drill',
        maxAttempts: 20,
        createdBy: 'drill',
      });
      const env = parseEnv(
        {
          ARENDENAV_WEBHOOK_ALLOW_HTTP: 'true',
          ARENDENAV_WEBHOOK_ALLOW_PRIVATE: 'true',
          // Production's 1 s doubling, capped at 10 s so the drill's catch-up is short: a minute away
          // spends about 8 of the 20 attempts.
          ARENDENAV_WEBHOOK_BACKOFF_BASE_MS: '1000',
          ARENDENAV_WEBHOOK_BACKOFF_CAP_MS: '10000',
        },
        'demo',
      );
      const municipalities = loadMunicipalities();
      for (let i = 0; i < (options.hubs ?? 2); i += 1) {
        const hub = await hubEvents(
          {
            env,
            db: options.db,
            logger: options.logger,
            municipalities,
            registry: new Registry(),
            key: BENCH_PERSON_REF_KEY,
          },
          [webhookReceivers()],
        );
        hub.start();
        running.push(hub);
      }
    },
    received: () => receipts,
    fault: {
      at: options.downAt ?? 0.2,
      async run() {
        const downMs = options.downMs ?? 60_000;
        await close();
        options.log?.(`webhook receiver down for ${downMs / 1000} s`);
        await new Promise((r) => setTimeout(r, downMs));
        await listen();
        return `webhook receiver away ${downMs / 1000} s (connections refused), back on the same port; ${refused} bad signatures`;
      },
    },
    async stop() {
      for (const hub of running) await hub.stop();
      await close();
    },
  };
}
