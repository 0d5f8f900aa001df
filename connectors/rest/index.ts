/** The `rest` connector: a paged JSON API read with `updatedSince` and an opaque `cursor`. */
import { z } from 'zod';
import { ConnectorError, defineConnector, type PullUnit } from '../contract.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../http-body.js';
import { getJson } from './transport.js';

const ConfigSchema = z
  .object({
    baseUrl: z.url(),
    listPath: z.string().startsWith('/').describe('e.g. /api/v2/placements'),
    itemPath: z
      .string()
      .startsWith('/')
      .includes('{id}')
      .optional()
      .describe('e.g. /api/v2/placements/{id}, for fetch-one'),
    healthPath: z.string().startsWith('/').default('/health'),
    pageSize: z.number().int().min(1).max(1000).default(100),
    itemsField: z.string().default('items'),
    nextCursorField: z.string().default('nextCursor'),
    updatedField: z.string().default('updatedAt').describe('Record field with its change time (ISO 8601)'),
    token: z.string().min(1).optional().describe('Bearer token (secret)'),
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .default(DEFAULT_MAX_RESPONSE_BYTES)
      .describe('A larger answer is cut off while it streams and the run fails'),
  })
  .strict();
export type RestConfig = z.infer<typeof ConfigSchema>;

/** What the hub remembers between runs: where the last run got to. */
type Cursor = { updatedSince: string | null; page: string | null; etag: string | null };

function parseCursor(raw: string | null): Cursor {
  if (!raw) return { updatedSince: null, page: null, etag: null };
  return JSON.parse(raw) as Cursor;
}

export const restConnector = defineConnector<RestConfig>({
  kind: 'rest',
  version: '1.0.0',
  description: 'Paged JSON API with updatedSince + cursor, bearer auth, ETag and Retry-After',
  configSchema: ConfigSchema,
  secrets: ['token'],
  create(config) {
    const url = (path: string, query: Record<string, string | null> = {}) => {
      const u = new URL(path, config.baseUrl);
      for (const [k, v] of Object.entries(query)) if (v !== null) u.searchParams.set(k, v);
      return u;
    };
    return {
      async *pull(rawCursor, ctx): AsyncIterable<PullUnit> {
        const start = parseCursor(rawCursor);
        let page = start.page;
        let newest = start.updatedSince;
        let first = true;
        let number = 0;
        while (true) {
          // The API answers with the records as they are now: a later read is the newer truth.
          const readAt = new Date().toISOString();
          const response = await getJson(
            url(config.listPath, {
              updatedSince: start.updatedSince,
              cursor: page,
              limit: String(config.pageSize),
            }),
            {
              ...(config.token ? { token: config.token } : {}),
              etag: first && !page ? start.etag : null,
              signal: ctx.signal,
              maxBytes: config.maxResponseBytes,
            },
          );
          if (response.status === 304) return;
          if (response.status === 404)
            throw new ConnectorError('config', `${config.listPath} does not exist`, { retryable: false });
          const body = response.body as Record<string, unknown>;
          const items = body?.[config.itemsField];
          if (!Array.isArray(items)) {
            throw new ConnectorError('protocol', `the list response has no "${config.itemsField}" array`, {
              retryable: false,
            });
          }
          const next = body[config.nextCursorField];
          for (const item of items) {
            const updated = (item as Record<string, unknown>)?.[config.updatedField];
            if (typeof updated === 'string' && (!newest || Date.parse(updated) > Date.parse(newest)))
              newest = updated;
          }
          const done = typeof next !== 'string' || next.length === 0;
          // Mid-listing the cursor remembers the page; at the end, the newest change time seen.
          const cursor: Cursor = done
            ? { updatedSince: newest, page: null, etag: first ? response.etag : null }
            : { updatedSince: start.updatedSince, page: next as string, etag: null };
          number++;
          yield { batches: [items], cursor: JSON.stringify(cursor), label: `page ${number}`, readAt };
          if (done) return;
          page = next as string;
          first = false;
        }
      },
      ...(config.itemPath
        ? {
            async fetchOne(sourceId: string, ctx: { signal: AbortSignal }) {
              const path = (config.itemPath as string).replace('{id}', encodeURIComponent(sourceId));
              const response = await getJson(url(path), {
                ...(config.token ? { token: config.token } : {}),
                signal: ctx.signal,
                maxBytes: config.maxResponseBytes,
              });
              return response.status === 200 ? response.body : undefined;
            },
          }
        : {}),
      async health(ctx) {
        try {
          const response = await fetch(url(config.healthPath), { signal: ctx.signal });
          await response.body?.cancel();
          return { ok: response.ok, detail: `HTTP ${response.status}` };
        } catch {
          return { ok: false, detail: `cannot reach ${new URL(config.baseUrl).host}` };
        }
      },
    };
  },
});
