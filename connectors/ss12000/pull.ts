/**
 * One pull of SS 12000 placements: a `pageToken` walk of `/placements` changed after the cursor, then
 * `/deletedEntities` after the deletions cursor, and where the next run starts.
 */
import { ConnectorError, type PullUnit } from '../contract.js';
import type { Ss12000Http } from './transport.js';

/**
 * What the hub remembers between runs. `modifiedAfter` goes to `meta.modified.after` (exclusive),
 * `deletedAfter` to `/deletedEntities?after`; `walk` is set only between the pages of one walk, so a
 * run that failed half-way goes on from the page it stopped at.
 */
export type Ss12000Cursor = {
  modifiedAfter: string | null;
  deletedAfter: string | null;
  walk?: { pageToken: string; startedAt: string; newest: string | null };
};

export type PullSettings = {
  baseUrl: string;
  pageSize: number;
  expand: readonly string[];
  expandReferenceNames: boolean;
  overlapSeconds: number;
  deletions: boolean;
};

export function parseCursor(raw: string | null): Ss12000Cursor {
  if (!raw) return { modifiedAfter: null, deletedAfter: null };
  try {
    const c = JSON.parse(raw) as Ss12000Cursor;
    if (typeof c === 'object' && c !== null && 'modifiedAfter' in c) return c;
  } catch {
    // fall through
  }
  throw new ConnectorError(
    'config',
    'the stored cursor is not an ss12000 cursor (was the source kind changed?)',
    {
      retryable: false,
    },
  );
}

/** RFC 3339 in UTC with whole seconds, as the standard's examples write date-times. */
function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function apiUrl(baseUrl: string, path: string, query: [string, string][] = []): URL {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [k, v] of query) url.searchParams.append(k, v);
  return url;
}

function listOf(body: unknown, what: string): { data: unknown; pageToken: string | null } {
  const b = body as { data?: unknown; pageToken?: unknown } | null;
  if (!b || typeof b !== 'object' || !('data' in b))
    throw new ConnectorError('protocol', `${what}: the answer has no "data"`, { retryable: false });
  const next = typeof b.pageToken === 'string' && b.pageToken.length > 0 ? b.pageToken : null;
  return { data: b.data, pageToken: next };
}

function modifiedOf(item: unknown): number | undefined {
  const at = Date.parse(String((item as { meta?: { modified?: unknown } })?.meta?.modified ?? ''));
  return Number.isNaN(at) ? undefined : at;
}

/**
 * Where the next walk starts: the earlier of the walk's start on the server's clock and the newest
 * change seen, less `overlapSeconds`, never before the previous cursor. A record changed while the walk
 * was under way has a `meta.modified` after the walk's start, even when the walk had already passed it,
 * so the next walk picks it up; the overlap covers a server that stamps a change before it commits it
 * and the `Date` header's whole seconds. Records read twice are stored once (the store compares content).
 */
function nextModifiedAfter(
  previous: string | null,
  startedAt: number,
  newest: number | null,
  overlapMs: number,
): string {
  const from = Math.min(startedAt, newest ?? startedAt) - overlapMs;
  return rfc3339(Math.max(previous ? Date.parse(previous) : Number.NEGATIVE_INFINITY, from));
}

/** The units of one pull; `now` is the hub's clock, used only when the server sends no `Date`. */
export async function* pullPlacements(
  http: Ss12000Http,
  settings: PullSettings,
  start: Ss12000Cursor,
  signal: AbortSignal,
  now: () => number = Date.now,
): AsyncGenerator<PullUnit> {
  const overlap = settings.overlapSeconds * 1000;
  const limit: [string, string] = ['limit', String(settings.pageSize)];
  const first = (): URL =>
    apiUrl(settings.baseUrl, '/placements', [
      ...(start.modifiedAfter ? [['meta.modified.after', start.modifiedAfter] as [string, string]] : []),
      ...settings.expand.map((e): [string, string] => ['expand', e]),
      ...(settings.expandReferenceNames ? [['expandReferenceNames', 'true'] as [string, string]] : []),
      limit,
    ]);
  // The contract: a pageToken carries the first request's filters and is combined only with limit.
  const byToken = (token: string) => apiUrl(settings.baseUrl, '/placements', [['pageToken', token], limit]);

  let walk = start.walk;
  // Each page holds the placements as they are when it was asked for: a later read is the newer truth.
  let readAt = new Date().toISOString();
  let answer = walk ? await http.get('list placements', byToken(walk.pageToken), signal, true) : undefined;
  if (answer?.status !== 200) {
    // A new walk, or a stored page token the server no longer takes (400, 404): start over from the cursor.
    walk = undefined;
    readAt = new Date().toISOString();
    answer = await http.get('list placements', first(), signal);
  }
  if (answer.status !== 200)
    throw new ConnectorError('config', 'list placements: the service has no /placements (check baseUrl)', {
      retryable: false,
    });
  const startedAt = walk ? Date.parse(walk.startedAt) : (answer.serverTime?.getTime() ?? now());
  let newest = walk?.newest ? Date.parse(walk.newest) : null;
  let number = 0;
  while (true) {
    const page = listOf(answer.body, 'list placements');
    if (!Array.isArray(page.data))
      throw new ConnectorError('protocol', 'list placements: "data" is not a list', { retryable: false });
    for (const item of page.data) {
      const at = modifiedOf(item);
      if (at !== undefined && (newest === null || at > newest)) newest = at;
    }
    number++;
    if (page.pageToken) {
      const cursor: Ss12000Cursor = {
        ...start,
        walk: {
          pageToken: page.pageToken,
          startedAt: new Date(startedAt).toISOString(),
          newest: newest === null ? null : new Date(newest).toISOString(),
        },
      };
      yield { batches: [page.data], cursor: JSON.stringify(cursor), label: `page ${number}`, readAt };
      readAt = new Date().toISOString();
      answer = await http.get('list placements', byToken(page.pageToken), signal);
      if (answer.status !== 200)
        throw new ConnectorError('protocol', 'list placements: the next page is not there (HTTP 404)', {
          retryable: false,
        });
      continue;
    }
    const modifiedAfter = nextModifiedAfter(start.modifiedAfter, startedAt, newest, overlap);
    const deletedAfter = rfc3339(startedAt - overlap);
    // The first walk reads everything there is, so nothing it read can have been deleted before it:
    // deletions are asked for from its start on. Later walks keep the old deletions cursor until the
    // deletions unit is stored, so a failure there loses none.
    const done: Ss12000Cursor = { modifiedAfter, deletedAfter: start.deletedAfter ?? deletedAfter };
    yield { batches: [page.data], cursor: JSON.stringify(done), label: `page ${number}`, readAt };
    if (settings.deletions && start.deletedAfter !== null)
      yield await deletionsUnit(http, settings, start.deletedAfter, modifiedAfter, deletedAfter, signal);
    return;
  }
}

/**
 * Placements deleted after `after`, all pages in one unit. `DeletedEntities` gives ids, not times; each
 * deletion is dated by the server's clock when it was read, which is no earlier than the deletion.
 */
async function deletionsUnit(
  http: Ss12000Http,
  settings: PullSettings,
  after: string,
  modifiedAfter: string,
  nextAfter: string,
  signal: AbortSignal,
): Promise<PullUnit> {
  const limit: [string, string] = ['limit', String(settings.pageSize)];
  let url = apiUrl(settings.baseUrl, '/deletedEntities', [
    ['after', after],
    ['entities', 'Placement'],
    limit,
  ]);
  const deletions: { sourceId: string; at: string }[] = [];
  while (true) {
    const answer = await http.get('deleted entities', url, signal);
    if (answer.status !== 200)
      throw new ConnectorError('config', 'deleted entities: the service has no /deletedEntities', {
        retryable: false,
      });
    const page = listOf(answer.body, 'deleted entities');
    const ids = (page.data as { placements?: unknown } | null)?.placements ?? [];
    if (!Array.isArray(ids))
      throw new ConnectorError('protocol', 'deleted entities: "data.placements" is not a list', {
        retryable: false,
      });
    const at = (answer.serverTime ?? new Date()).toISOString();
    for (const id of ids) if (typeof id === 'string') deletions.push({ sourceId: id, at });
    if (!page.pageToken) break;
    url = apiUrl(settings.baseUrl, '/deletedEntities', [['pageToken', page.pageToken], limit]);
  }
  const cursor: Ss12000Cursor = { modifiedAfter, deletedAfter: nextAfter };
  return { batches: [], cursor: JSON.stringify(cursor), label: 'deleted entities', deletions };
}
