/**
 * Webhook subscriptions as admins manage them (issue 15): an admin registers receivers for their own
 * municipality's events, sees their backlog and dead deliveries, and replays from a position. A
 * subscription that reaches beyond the caller's municipalities is not theirs: it is answered as not
 * found. The signing secret is shown once, when it is made.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../app/errors.js';
import type { Logger } from '../app/logger.js';
import type { Principal } from '../app/principal.js';
import { CASE_EVENT_TYPES, type CaseEventType } from '../store/case-change.js';
import type { Db } from '../store/db.js';
import {
  type Backlog,
  createSubscriptionStore,
  type DeadDelivery,
  type SubscriptionStore,
  type WebhookSubscription,
} from '../store/subscription-store.js';
import { type AddressRules, urlRefusal } from './webhook-address.js';
import { newWebhookSecret, type SecretBox, webhookSecretBox } from './webhook-secret.js';

export { CASE_EVENT_TYPES, type CaseEventType };

export type SubscriptionInput = {
  url: string;
  municipalities?: string[];
  types?: CaseEventType[] | null;
  alertEmail?: string | null;
  description?: string | null;
  maxAttempts?: number;
};

export type SubscriptionChange = Partial<Omit<SubscriptionInput, 'municipalities'>> & { active?: boolean };

export type SubscriptionView = {
  id: string;
  url: string;
  municipalities: string[];
  types: CaseEventType[] | null;
  alertEmail: string | null;
  description: string | null;
  maxAttempts: number;
  active: boolean;
  createdAt: string;
  /** After a rotation: until when the replaced secret still signs beside the new one. */
  rotationGraceUntil: string | null;
  backlog: Backlog;
};

/** How long a rotated-out secret keeps signing unless the admin says otherwise: a working day to switch. */
export const DEFAULT_SECRET_GRACE_HOURS = 24;
export const MAX_SECRET_GRACE_HOURS = 168;

export type SubscriptionDeps = { store: SubscriptionStore; box: SecretBox; rules: AddressRules };

/** The stores and rules the service is built over, from one database and the hub's key. */
export function subscriptionDepsOn(
  db: Db,
  options: { secret: string | Buffer; previousSecrets?: readonly (string | Buffer)[]; rules: AddressRules },
): SubscriptionDeps {
  return {
    store: createSubscriptionStore(db),
    box: webhookSecretBox(options.secret, options.previousSecrets ?? []),
    rules: options.rules,
  };
}

const NOT_FOUND = 'Prenumerationen finns inte. / No such subscription.';
const NO_BACKLOG: Backlog = { pending: 0, dead: 0, oldestPendingSeconds: null };

/** The municipalities an admin acts for: the one of their sign-in (none: nothing, fail closed). */
function ownMunicipalities(principal: Principal): string[] {
  return principal.kind === 'staff' && principal.role === 'admin' && principal.municipality
    ? [principal.municipality]
    : [];
}

function view(s: WebhookSubscription, backlog: Backlog | undefined): SubscriptionView {
  return {
    id: s.id,
    url: s.url,
    municipalities: s.municipalities,
    types: s.types,
    alertEmail: s.alertEmail,
    description: s.description,
    maxAttempts: s.maxAttempts,
    active: s.active,
    createdAt: s.createdAt,
    rotationGraceUntil: s.previousSecret?.until ?? null,
    backlog: backlog ?? NO_BACKLOG,
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;

/**
 * @example
 * const subscriptions = createSubscriptions({ ...subscriptionDepsOn(db, { secret, rules }), logger });
 * const { subscription, secret } = await subscriptions.create(admin, { url: 'https://arende.umea.se/hook' });
 */
export function createSubscriptions(deps: SubscriptionDeps & { logger: Logger; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  function checkUrl(url: string) {
    const refusal = urlRefusal(url, deps.rules);
    if (refusal)
      throw new AppError('validation', 'Adressen kan inte användas. / The address cannot be used.', {
        errors: [{ field: 'url', message: refusal }],
      });
  }

  /** The subscription if the principal may manage it; not found otherwise. */
  async function own(principal: Principal, id: string): Promise<WebhookSubscription> {
    const mine = ownMunicipalities(principal);
    const s = await deps.store.get(id);
    if (!s || s.municipalities.length === 0 || !s.municipalities.every((m) => mine.includes(m)))
      throw new AppError('not_found', NOT_FOUND);
    return s;
  }

  async function viewOf(s: WebhookSubscription): Promise<SubscriptionView> {
    return view(s, (await deps.store.backlogs()).get(s.id));
  }

  return {
    async create(principal: Principal, input: SubscriptionInput) {
      const mine = ownMunicipalities(principal);
      const municipalities = [...new Set(input.municipalities ?? mine)].sort();
      if (mine.length === 0 || municipalities.length === 0 || municipalities.some((m) => !mine.includes(m)))
        throw new AppError(
          'forbidden',
          'Bara den egna kommunens händelser kan prenumereras på. / Only your own municipality’s events can be subscribed to.',
        );
      checkUrl(input.url);
      const secret = newWebhookSecret();
      const created = await deps.store.insert({
        id: randomUUID(),
        url: input.url,
        secretSealed: deps.box.seal(secret),
        municipalities,
        types: input.types && input.types.length > 0 ? [...new Set(input.types)] : null,
        alertEmail: input.alertEmail ?? null,
        description: input.description ?? null,
        maxAttempts: input.maxAttempts ?? 12,
        createdBy: principal.subject,
      });
      deps.logger.info({ subscription: created.id }, 'webhook subscription created');
      return { subscription: view(created, undefined), secret };
    },

    async list(principal: Principal): Promise<SubscriptionView[]> {
      const rows = await deps.store.visibleTo(ownMunicipalities(principal));
      const backlogs = await deps.store.backlogs();
      return rows.map((s) => view(s, backlogs.get(s.id)));
    },

    async read(principal: Principal, id: string): Promise<SubscriptionView> {
      return viewOf(await own(principal, id));
    },

    async update(principal: Principal, id: string, change: SubscriptionChange): Promise<SubscriptionView> {
      await own(principal, id);
      if (change.url !== undefined) checkUrl(change.url);
      const updated = await deps.store.update(id, {
        ...change,
        ...(change.types !== undefined
          ? { types: change.types && change.types.length > 0 ? [...new Set(change.types)] : null }
          : {}),
      });
      if (!updated) throw new AppError('not_found', NOT_FOUND);
      deps.logger.info({ subscription: id }, 'webhook subscription changed');
      return viewOf(updated);
    },

    async remove(principal: Principal, id: string): Promise<void> {
      await own(principal, id);
      await deps.store.remove(id);
      deps.logger.info({ subscription: id }, 'webhook subscription removed');
    },

    /**
     * A new signing secret, shown once. The old one keeps signing beside it for `graceHours` (default
     * 24; 0 stops it at once, for a secret that leaked), so the receiver can switch without refusing
     * deliveries: Standard Webhooks receivers accept a delivery when any of its signatures is valid.
     */
    async rotateSecret(
      principal: Principal,
      id: string,
      options: { graceHours?: number } = {},
    ): Promise<{ secret: string; rotationGraceUntil: string | null }> {
      await own(principal, id);
      const hours = Math.min(
        Math.max(options.graceHours ?? DEFAULT_SECRET_GRACE_HOURS, 0),
        MAX_SECRET_GRACE_HOURS,
      );
      const until = hours > 0 ? new Date(now().getTime() + hours * 3_600_000) : undefined;
      const secret = newWebhookSecret();
      if (!(await deps.store.setSecret(id, deps.box.seal(secret), until)))
        throw new AppError('not_found', NOT_FOUND);
      deps.logger.info({ subscription: id, graceHours: hours }, 'webhook signing secret rotated');
      return { secret, rotationGraceUntil: until?.toISOString() ?? null };
    },

    async replay(principal: Principal, id: string, from: number): Promise<{ replayed: number }> {
      await own(principal, id);
      const replayed = await deps.store.replay(id, from);
      deps.logger.info({ subscription: id, from, replayed }, 'webhook deliveries replayed');
      return { replayed };
    },

    async deadDeliveries(
      principal: Principal,
      id: string,
      page: { limit: number; after?: number },
    ): Promise<DeadDelivery[]> {
      await own(principal, id);
      return deps.store.dead(id, page);
    },
  };
}
