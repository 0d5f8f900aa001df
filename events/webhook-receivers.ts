/**
 * The webhook receivers of a hub (issue 15): one relay per active webhook subscription. Admins add,
 * change and remove subscriptions through the API at any time, so the table is read every few seconds:
 * relays start for new or reactivated webhooks, restart when the address or secret changed, and stop
 * for removed or deactivated ones. Attempts before a dead letter are the subscription's own
 * (`max_attempts`, read by the store when a failure is settled).
 */

import type { Env } from '../app/env.js';
import type { EventWorker, ReceiverKind } from '../app/hub-events.js';
import type { Logger } from '../app/logger.js';
import {
  createSubscriptionStore,
  type SubscriptionStore,
  type WebhookSubscription,
} from '../store/subscription-store.js';
import { type AlertMailer, createDeadLetterAlerts, type DeadLetterAlerts } from './dead-letter-alert.js';
import type { Backoff, Relay, RelayOptions } from './relay.js';
import type { AddressRules } from './webhook-address.js';
import { type SecretBox, webhookSecretBox } from './webhook-secret.js';
import { createWebhookSink, type WebhookSink } from './webhook-sink.js';

export type WebhookReceiverOptions = {
  /** The alert mail's way out (none: the log and the metric only). */
  mailer?: (env: Env) => AlertMailer | undefined;
  /** How often the subscriptions are read (ms). */
  pollMs?: number;
  /** A relay's pause when nothing is due (ms). */
  idleMs?: number;
};

/** The address rules of the environment. */
export function webhookRules(env: Env): AddressRules {
  return { allowHttp: env.ARENDENAV_WEBHOOK_ALLOW_HTTP, allowPrivate: env.ARENDENAV_WEBHOOK_ALLOW_PRIVATE };
}

/**
 * @example
 * export const RECEIVER_KINDS = [webhookReceivers({ mailer: (env) => smtpMailerOf(env) })];
 */
export function webhookReceivers(options: WebhookReceiverOptions = {}): ReceiverKind {
  return async (hub, relay) => {
    const { env, logger } = hub;
    const publicUrl = env.ARENDENAV_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
    const mailer = options.mailer?.(env);
    if (!mailer) logger.info('webhook dead-letter alerts by mail are off: no SMTP_URL');
    return [
      createWebhookManager({
        store: createSubscriptionStore(hub.db),
        box: webhookSecretBox(hub.key, env.PERSON_REF_KEY_PREVIOUS),
        rules: webhookRules(env),
        backoff: {
          baseMs: env.ARENDENAV_WEBHOOK_BACKOFF_BASE_MS,
          capMs: env.ARENDENAV_WEBHOOK_BACKOFF_CAP_MS,
        },
        timeoutMs: env.ARENDENAV_WEBHOOK_TIMEOUT_MS,
        sourceBase: publicUrl,
        alerts: createDeadLetterAlerts({ ...(mailer ? { mailer } : {}), logger, apiBase: publicUrl }),
        relay,
        logger,
        pollMs: options.pollMs ?? 5_000,
        idleMs: options.idleMs ?? 1_000,
      }),
    ];
  };
}

type ManagerDeps = {
  store: SubscriptionStore;
  box: SecretBox;
  rules: AddressRules;
  backoff: Backoff;
  timeoutMs: number;
  sourceBase: string;
  alerts: DeadLetterAlerts;
  relay: (options: Omit<RelayOptions, 'db' | 'logger'>) => Relay;
  logger: Logger;
  pollMs: number;
  idleMs: number;
};

type Running = { fingerprint: string; relay: Relay; hook: WebhookSink };

function createWebhookManager(deps: ManagerDeps): EventWorker {
  const running = new Map<string, Running>();
  let on = false;
  let timer: NodeJS.Timeout | undefined;
  let tick: Promise<void> | undefined;

  async function halt(id: string, current: Running) {
    running.delete(id);
    await current.relay.stop();
    current.hook.close();
  }

  async function deadLettered(id: string, count: number) {
    const s = await deps.store.get(id);
    if (!s) return;
    await deps.alerts.notify({
      subscriptionId: id,
      host: new URL(s.url).host,
      alertEmail: s.alertEmail,
      justDead: count,
      deadInAll: await deps.store.deadCount(id),
      maxAttempts: s.maxAttempts,
    });
  }

  /** What a running relay's sink was made from: a change of any of it restarts the relay. */
  const fingerprint = (s: WebhookSubscription) =>
    `${s.url}\n${s.secretSealed}\n${s.previousSecret?.sealed ?? ''}\n${s.previousSecret?.until ?? ''}`;

  function launch(s: WebhookSubscription): Running | undefined {
    let secret: string;
    let previousSecret: { secret: string; until: Date } | undefined;
    try {
      secret = deps.box.open(s.secretSealed);
      if (s.previousSecret && Date.parse(s.previousSecret.until) > Date.now())
        previousSecret = {
          secret: deps.box.open(s.previousSecret.sealed),
          until: new Date(s.previousSecret.until),
        };
    } catch {
      deps.logger.error({ subscription: s.id }, 'webhook secret cannot be opened (another PERSON_REF_KEY?)');
      return undefined;
    }
    const hook = createWebhookSink({
      url: s.url,
      secret,
      ...(previousSecret ? { previousSecret } : {}),
      sourceBase: deps.sourceBase,
      rules: deps.rules,
      timeoutMs: deps.timeoutMs,
    });
    const relay = deps.relay({
      subscriptionId: s.id,
      sink: hook.sink,
      backoff: deps.backoff,
      idleMs: deps.idleMs,
      onDead: (id, positions) => deadLettered(id, positions.length),
    });
    relay.start();
    return { fingerprint: fingerprint(s), relay, hook };
  }

  /** Brings the running relays in line with the active subscriptions. */
  async function reconcile() {
    const active = await deps.store.active();
    const ids = new Set(active.map((s) => s.id));
    for (const [id, current] of running) if (!ids.has(id)) await halt(id, current);
    for (const s of active) {
      const current = running.get(s.id);
      if (current?.fingerprint === fingerprint(s)) continue;
      if (current) await halt(s.id, current);
      const started = launch(s);
      if (started) running.set(s.id, started);
    }
  }

  const loop = async () => {
    try {
      await reconcile();
    } catch (error) {
      deps.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'webhook subscriptions could not be read; trying again',
      );
    }
    if (on)
      timer = setTimeout(() => {
        tick = loop();
      }, deps.pollMs);
  };

  return {
    start() {
      if (on) return;
      on = true;
      tick = loop();
    },
    async stop() {
      on = false;
      clearTimeout(timer);
      await tick;
      await Promise.all([...running].map(([id, current]) => halt(id, current)));
      deps.alerts.close();
    },
  };
}
