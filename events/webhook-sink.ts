/**
 * A webhook receiver's sink (issue 15): each event is POSTed as a structured CloudEvent
 * (`application/cloudevents+json`), signed as the Standard Webhooks spec says (webhook-id = the event
 * id, so receivers deduplicate by it). 2xx is delivered; anything else, a timeout or a network error is
 * a failure with a short reason that names no person. Redirects are not followed.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { OutboxEvent } from '../store/event-deliveries.js';
import { toCloudEvent } from './cloudevent.js';
import type { EventSink, SinkOutcome } from './relay.js';
import { type AddressRules, addressRefusal, guardedLookup } from './webhook-address.js';

export type WebhookSinkOptions = {
  url: string;
  /** The Standard Webhooks secret (`whsec_…`). */
  secret: string;
  /** The secret a rotation replaced: it signs too (a second signature) until `until`. */
  previousSecret?: { secret: string; until: Date };
  now?: () => Date;
  /** The hub's public address, the CloudEvents `source`'s base. */
  sourceBase: string;
  rules: AddressRules;
  /** One request's limit (ms). */
  timeoutMs?: number;
  /** Requests at once (events of distinct cases; a case's next event waits for the relay's next round). */
  concurrency?: number;
};

export type WebhookSink = { sink: EventSink; close(): void };

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRREFUSED: 'address not allowed',
};

/** A reason safe to store and show: an error code's meaning, never a message that may quote a body or URL. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') {
    if (NETWORK_REASONS[code]) return NETWORK_REASONS[code];
    if (/CERT|SSL|TLS|SELF_SIGNED/.test(code)) return 'TLS error';
  }
  return 'network error';
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * @example
 * const hook = createWebhookSink({ url, secret, sourceBase: 'https://arenden.umea.se', rules });
 * createRelay({ db, subscriptionId, sink: hook.sink, logger }); // … hook.close();
 */
export function createWebhookSink(options: WebhookSinkOptions): WebhookSink {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const concurrency = options.concurrency ?? 8;
  const signer = new Webhook(options.secret);
  const previous = options.previousSecret
    ? { signer: new Webhook(options.previousSecret.secret), until: options.previousSecret.until.getTime() }
    : undefined;
  const now = options.now ?? (() => new Date());
  /** The new secret's signature, and the replaced one's during its grace period (space-separated). */
  const sign = (id: string, at: Date, body: string) => {
    const current = signer.sign(id, at, body);
    return previous && now().getTime() < previous.until
      ? `${current} ${previous.signer.sign(id, at, body)}`
      : current;
  };
  const target = new URL(options.url);
  const client = target.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ keepAlive: true, maxSockets: concurrency });
  // A literal address is never looked up, so it is checked here; names are checked on each connection.
  const literal = isIP(target.hostname.replace(/^\[|\]$/g, ''))
    ? addressRefusal(target.hostname, options.rules)
    : undefined;
  const lookup = guardedLookup(options.rules);

  function post(event: OutboxEvent): Promise<SinkOutcome> {
    if (literal) return Promise.resolve({ outcome: 'failed', error: 'address not allowed' });
    const body = JSON.stringify(toCloudEvent(event, options.sourceBase));
    const sentAt = now();
    const headers = {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Arendenav-Webhooks/1',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': sign(event.id, sentAt, body),
    };
    return new Promise((settle) => {
      let timedOut = false;
      const request = client.request(target, { method: 'POST', headers, agent, lookup }, (response) => {
        // The body is not read: only the status counts, and a receiver's text never reaches our logs.
        response.resume();
        response.on('error', () => {});
        const status = response.statusCode ?? 0;
        clearTimeout(timer);
        settle(
          status >= 200 && status < 300
            ? { outcome: 'delivered' }
            : { outcome: 'failed', error: `HTTP ${status}` },
        );
      });
      const timer = setTimeout(() => {
        timedOut = true;
        request.destroy();
      }, timeoutMs);
      request.on('error', (error) => {
        clearTimeout(timer);
        settle({ outcome: 'failed', error: timedOut ? 'timeout' : reasonOf(error) });
      });
      request.end(body);
    });
  }

  return {
    async sink(events) {
      const outcomes = new Map<number, SinkOutcome>();
      await eachLimited(events, concurrency, async (event) => {
        outcomes.set(event.position, await post(event));
      });
      return outcomes;
    },
    close: () => agent.destroy(),
  };
}
