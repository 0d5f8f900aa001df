/** OpenAPI route definitions for webhook subscriptions (issue 15): admins only, their own municipality's. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  CASE_EVENT_TYPES,
  DEFAULT_SECRET_GRACE_HOURS,
  MAX_SECRET_GRACE_HOURS,
} from '../../events/subscriptions.js';
import { requestText } from '../../schemas/request-text.js';
import { bearerSecurity, errorResponses, problem } from '../shared.js';

const notFound = {
  404: problem('No such subscription (or not one of the caller’s municipality)'),
} as const;
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

const url = z
  .string()
  .max(2000)
  .openapi({
    description:
      'Where events are POSTed. https:// (http:// only where the hub allows it); never a link-local ' +
      'address, nor a loopback or private one unless the hub allows it',
    example: 'https://arende.umea.se/hooks/arendenav',
  });
const types = z
  .array(z.enum(CASE_EVENT_TYPES))
  .max(CASE_EVENT_TYPES.length)
  .nullable()
  .openapi({ description: 'The event types received; null or empty for all' });
const alertEmail = z
  .email()
  .max(254)
  .nullable()
  .openapi({ description: 'Who is told (at most once an hour) when deliveries dead-letter' });
const description = requestText().max(500).nullable();
const maxAttempts = z
  .number()
  .int()
  .min(1)
  .max(100)
  .openapi({ description: 'Attempts before a delivery is dead (default 12: about 1.5 h)' });

export const SubscriptionInputSchema = z
  .object({
    url,
    municipalities: z
      .array(z.string().regex(/^\d{4}$/))
      .min(1)
      .max(20)
      .optional()
      .openapi({ description: 'Kommunkoder, within the caller’s own (default: the caller’s)' }),
    types: types.optional(),
    alertEmail: alertEmail.optional(),
    description: description.optional(),
    maxAttempts: maxAttempts.optional(),
  })
  .strict()
  .openapi('SubscriptionInput');

export const SubscriptionChangeSchema = z
  .object({
    url: url.optional(),
    types: types.optional(),
    alertEmail: alertEmail.optional(),
    description: description.optional(),
    maxAttempts: maxAttempts.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('SubscriptionChange');

export const SubscriptionSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    municipalities: z.array(z.string()),
    types: z.array(z.enum(CASE_EVENT_TYPES)).nullable(),
    alertEmail: z.string().nullable(),
    description: z.string().nullable(),
    maxAttempts: z.number().int(),
    active: z.boolean(),
    createdAt: z.string(),
    rotationGraceUntil: z.string().nullable().openapi({
      description: 'After a rotation: until when the replaced secret still signs beside the new one',
    }),
    backlog: z.object({
      pending: z.number().int(),
      dead: z.number().int(),
      oldestPendingSeconds: z.number().int().nullable(),
    }),
  })
  .openapi('Subscription');

const secret = z.string().openapi({
  description: 'The signing secret (Standard Webhooks, `whsec_…`). Shown this once: keep it now',
});

const CreatedSchema = z.object({ subscription: SubscriptionSchema, secret }).openapi('SubscriptionCreated');

const DeadDeliverySchema = z
  .object({
    position: z.number().int(),
    eventId: z.uuid(),
    caseId: z.uuid(),
    type: z.enum(CASE_EVENT_TYPES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    recordedAt: z.string(),
  })
  .openapi('DeadDelivery');

const IdParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
});

const base = { tags: ['subscriptions'], security: bearerSecurity };

export const createSubscription = createRoute({
  operationId: 'createSubscription',
  description:
    "An admin registers a webhook for their own municipalities' case events. Deliveries are CloudEvents signed per Standard Webhooks with the secret in this answer; store it now, it is never shown again.",
  ...base,
  method: 'post',
  path: '/api/v1/subscriptions',
  summary: 'Register a webhook; the answer holds its signing secret, shown only this once',
  request: { body: { required: true, ...json(SubscriptionInputSchema) } },
  responses: { 201: { description: 'Registered', ...json(CreatedSchema) }, ...errorResponses },
});

export const listSubscriptions = createRoute({
  operationId: 'listSubscriptions',
  description:
    "Every webhook of the caller's municipalities, with how many deliveries are pending and dead and how old the oldest pending one is.",
  ...base,
  method: 'get',
  path: '/api/v1/subscriptions',
  summary: 'The webhooks of the caller’s municipality, with their delivery backlog',
  responses: {
    200: {
      description: 'Subscriptions, oldest first',
      ...json(z.object({ items: z.array(SubscriptionSchema) })),
    },
    ...errorResponses,
  },
});

export const getSubscription = createRoute({
  operationId: 'getSubscription',
  description:
    "One webhook of the caller's municipalities; another municipality's answers 404 as a missing one does.",
  ...base,
  method: 'get',
  path: '/api/v1/subscriptions/{id}',
  summary: 'One webhook with its delivery backlog (never its secret)',
  request: { params: IdParams },
  responses: {
    200: { description: 'The subscription', ...json(SubscriptionSchema) },
    ...notFound,
    ...errorResponses,
  },
});

export const updateSubscription = createRoute({
  operationId: 'updateSubscription',
  description:
    'Changes what is given and leaves the rest; pausing keeps new events pending until the webhook is resumed.',
  ...base,
  method: 'patch',
  path: '/api/v1/subscriptions/{id}',
  summary: 'Change a webhook: pause or resume it (`active`), its address, types, alert address, attempts',
  request: { params: IdParams, body: { required: true, ...json(SubscriptionChangeSchema) } },
  responses: { 200: { description: 'Changed', ...json(SubscriptionSchema) }, ...notFound, ...errorResponses },
});

export const deleteSubscription = createRoute({
  operationId: 'deleteSubscription',
  description:
    'Removes the webhook; its pending and dead deliveries go with it. Events already delivered are not recalled.',
  ...base,
  method: 'delete',
  path: '/api/v1/subscriptions/{id}',
  summary: 'Remove a webhook and its pending and dead deliveries',
  request: { params: IdParams },
  responses: { 204: { description: 'Removed' }, ...notFound, ...errorResponses },
});

const RotateSchema = z
  .object({
    graceHours: z
      .number()
      .int()
      .min(0)
      .max(MAX_SECRET_GRACE_HOURS)
      .default(DEFAULT_SECRET_GRACE_HOURS)
      .openapi({
        description:
          'Hours the replaced secret keeps signing beside the new one (each delivery then carries two signatures). 0 stops it at once, for a secret that leaked',
      }),
  })
  .strict();

export const rotateSecret = createRoute({
  operationId: 'rotateSecret',
  description:
    'Replaces the signing secret. Deliveries are signed with the new one from the next round on, and also with the replaced one until `rotationGraceUntil` (Standard Webhooks receivers accept any valid signature), so the receiver can switch without refusing deliveries.',
  ...base,
  method: 'post',
  path: '/api/v1/subscriptions/{id}/secret',
  summary: 'A new signing secret, shown only this once; the old one keeps signing for a grace period',
  request: {
    params: IdParams,
    body: { required: false, content: { 'application/json': { schema: RotateSchema } } },
  },
  responses: {
    200: {
      description: 'The new secret, and until when the old one still signs',
      ...json(z.object({ secret, rotationGraceUntil: z.string().nullable() })),
    },
    ...notFound,
    ...errorResponses,
  },
});

export const replaySubscription = createRoute({
  operationId: 'replaySubscription',
  description:
    'Delivers again every event from an outbox position on (the `sequence` of an event): delivered and dead ones become pending, and events from before the webhook existed are added. Receivers deduplicate by event id.',
  ...base,
  method: 'post',
  path: '/api/v1/subscriptions/{id}/replay',
  summary:
    'Deliver again every event from an outbox position on (delivered and dead ones alike, with their ids unchanged)',
  request: {
    params: IdParams,
    body: {
      required: true,
      ...json(
        z
          .object({
            from: z.number().int().min(1).openapi({ description: 'An outbox position (`sequence`)' }),
          })
          .strict()
          .openapi('ReplayRequest'),
      ),
    },
  },
  responses: {
    200: {
      description: 'How many deliveries are due again',
      ...json(z.object({ replayed: z.number().int() })),
    },
    ...notFound,
    ...errorResponses,
  },
});

export const listDeliveries = createRoute({
  operationId: 'listDeliveries',
  description:
    'Deliveries that spent their attempts: which events, how many attempts, and the last error (a status or a short reason).',
  ...base,
  method: 'get',
  path: '/api/v1/subscriptions/{id}/deliveries',
  summary: 'A webhook’s dead deliveries (ids, type and the last error; never the events’ contents)',
  request: {
    params: IdParams,
    query: z
      .object({
        state: z.enum(['dead']).openapi({ param: { name: 'state', in: 'query' } }),
        after: z.coerce
          .number()
          .int()
          .min(0)
          .optional()
          .openapi({ param: { name: 'after', in: 'query' }, description: 'Page: positions after this one' }),
        limit: z.coerce
          .number()
          .int()
          .min(1)
          .max(500)
          .default(100)
          .openapi({ param: { name: 'limit', in: 'query' } }),
      })
      .strict(),
  },
  responses: {
    200: { description: 'Oldest first', ...json(z.object({ items: z.array(DeadDeliverySchema) })) },
    ...notFound,
    ...errorResponses,
  },
});
