/**
 * The `ss12000` connector: placements from a school-data service that speaks SS 12000 (SIS TK 450,
 * REST/JSON), read with OAuth2 client credentials, `pageToken` paging, `meta.modified.after` as the
 * cursor and `/deletedEntities` for what the source removed.
 *
 * A kind of its own rather than options on `rest`: the token flow, a page token that must not be
 * combined with filters, a cursor taken from the server's clock and deletions from a second endpoint
 * share nothing with the generic paged list but the HTTP.
 */
import { z } from 'zod';
import { ConnectorError, defineConnector } from '../contract.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../http-body.js';
import { apiUrl, parseCursor, pullPlacements } from './pull.js';
import { createSs12000Http } from './transport.js';

const ConfigSchema = z
  .object({
    baseUrl: z
      .url()
      .describe('API base up to the version, e.g. https://api.ist.com/ss12000v2-api/source/SE00100/v2.0'),
    tokenUrl: z.url().describe('OAuth2 token endpoint, e.g. https://skolid.se/connect/token'),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1).describe('Secret'),
    scope: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Space-separated scopes, e.g. "…api.placements …api.civicno"; none: what the client was granted',
      ),
    clientAuth: z
      .enum(['basic', 'form'])
      .default('basic')
      .describe('How the client authenticates at the token endpoint (RFC 6749 §2.3.1)'),
    refreshBeforeSeconds: z.number().int().min(0).max(3600).default(60),
    pageSize: z.number().int().min(1).max(1000).default(100),
    expand: z
      .array(z.enum(['child', 'owners']))
      .default(['child', 'owners'])
      .describe('Persons embedded in each placement; the mapping reads civic numbers from them'),
    expandReferenceNames: z.boolean().default(true).describe('School unit and group names'),
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(60)
      .describe('How far before the last walk the next one starts, for late commits'),
    deletions: z.boolean().default(true).describe('Ask /deletedEntities for placements the source deleted'),
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .default(DEFAULT_MAX_RESPONSE_BYTES)
      .describe('A larger answer is cut off while it streams and the run fails'),
  })
  .strict();
export type Ss12000Config = z.infer<typeof ConfigSchema>;

export const ss12000Connector = defineConnector<Ss12000Config>({
  kind: 'ss12000',
  version: '1.0.0',
  description:
    'SS 12000 placements: OAuth2 client credentials, pageToken, meta.modified.after, deletedEntities',
  configSchema: ConfigSchema,
  secrets: ['clientSecret'],
  create(config) {
    const http = createSs12000Http(config);
    const expandQuery = (): [string, string][] => [
      ...config.expand.map((e): [string, string] => ['expand', e]),
      ...(config.expandReferenceNames ? [['expandReferenceNames', 'true'] as [string, string]] : []),
    ];
    return {
      pull: (cursor, ctx) => pullPlacements(http, config, parseCursor(cursor), ctx.signal),
      async fetchOne(sourceId, ctx) {
        // Ids are uuids; anything else cannot be one of this source's placements.
        if (!/^[0-9a-f-]{36}$/i.test(sourceId)) return undefined;
        const url = apiUrl(config.baseUrl, `/placements/${encodeURIComponent(sourceId)}`, expandQuery());
        const answer = await http.get('fetch placement', url, ctx.signal);
        return answer.status === 200 ? answer.body : undefined;
      },
      async health(ctx) {
        const host = new URL(config.baseUrl).host;
        try {
          await http.token(ctx.signal);
          const answer = await http.get(
            'list placements',
            apiUrl(config.baseUrl, '/placements', [['limit', '1']]),
            ctx.signal,
          );
          return { ok: answer.status === 200, detail: `${host}: HTTP ${answer.status}` };
        } catch (error) {
          return {
            ok: false,
            detail: error instanceof ConnectorError ? error.message : `cannot reach ${host}`,
          };
        }
      },
    };
  },
});
