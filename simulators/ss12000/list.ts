/** What every SS 12000 list shares: the caller's context, a filter/sort/render plan and one page of it. */
import type { MunicipalityState } from './events.js';
import type { Edition } from './model.js';
import { decodePageToken, encodePageToken, type Key, selectPage } from './paging.js';
import { booleanParam, limitParam, type Params, pageRequest } from './query.js';
import type { RenderContext } from './render.js';

export type ApiContext = {
  state: MunicipalityState;
  edition: Edition;
  /** Scopes of the caller's token, without the vendor prefix (`placements`, `civicno`, …). */
  scopes: ReadonlySet<string>;
  maxPageSize: number;
  /** `/deletedEntities?after=`: inclusive (Skolverket's profile) or exclusive (the draft). */
  deletedAfter: 'inclusive' | 'exclusive';
};

export type ApiAnswer = { status: number; body?: unknown };

export type Plan<T> = {
  filter: (item: T) => boolean;
  keyOf: (item: T) => Key;
  desc: boolean;
  render: (item: T) => unknown;
};

export function listPage<T>(
  list: string,
  params: Params,
  ctx: ApiContext,
  all: T[],
  plan: (f: Params) => Plan<T>,
) {
  const { token, filters } = pageRequest(params);
  const state = token === undefined ? undefined : decodePageToken(token, list);
  const f: Params = state ? new Map(state.params) : filters;
  const p = plan(f);
  const page = selectPage(
    all.filter(p.filter),
    p.keyOf,
    p.desc,
    state?.after,
    limitParam(params, ctx.maxPageSize),
  );
  const next =
    page.more && page.last
      ? encodePageToken({ list, params: [...f].map(([k, v]) => [k, [...v]]), after: page.last })
      : null;
  return { items: page.items, render: p.render, pageToken: next };
}

export function renderContext(ctx: ApiContext, f: Params): RenderContext {
  const has = (s: string) => ctx.scopes.has(s);
  return {
    state: ctx.state,
    edition: ctx.edition,
    names: booleanParam(f, 'expandReferenceNames'),
    allow: {
      civicNo: has('civicno'),
      responsibles: has('responsibles'),
      addresses: has('addresses'),
      emails: has('email'),
      sex: has('sex'),
    },
  };
}
