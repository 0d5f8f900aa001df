/** The SS 12000 resources: `/placements`, `/persons` (list, by id, lookup) and `/deletedEntities`. */
import { isUuid } from './ids.js';
import { type ApiAnswer, type ApiContext, listPage, type Plan, renderContext } from './list.js';
import { DELETED_KEY, END_POINTS, type PlacementRecord } from './model.js';
import { personPlan } from './persons.js';
import { ApiError, dateParam, enumList, instantParam, metaFilter, type Params, uuidParam } from './query.js';
import { renderPlacement } from './render.js';

export type { ApiAnswer, ApiContext } from './list.js';

const PLACEMENT_SORT = [
  'StartDateAsc',
  'StartDateDesc',
  'EndDateAsc',
  'EndDateDesc',
  'ModifiedDesc',
] as const;

const LOOKUP_MAX = 200;

function placementPlan(ctx: ApiContext, f: Params): Plan<PlacementRecord> {
  const org = uuidParam(f, 'organisation');
  const group = uuidParam(f, 'group');
  const child = uuidParam(f, 'child');
  const owner = uuidParam(f, 'owner');
  const [sb, sa] = [dateParam(f, 'startDate.onOrBefore'), dateParam(f, 'startDate.onOrAfter')];
  const [eb, ea] = [dateParam(f, 'endDate.onOrBefore'), dateParam(f, 'endDate.onOrAfter')];
  const meta = metaFilter(f);
  const expand = enumList(f, 'expand', ['child', 'owners'] as const);
  const sort = [...enumList(f, 'sortkey', PLACEMENT_SORT)][0];
  const rc = renderContext(ctx, f);
  return {
    // endDate filters always keep placements without an endDate (sheet §3.2).
    filter: (p) =>
      (!org || p.unitId === org) &&
      (!group || p.groupId === group) &&
      (!child || p.childId === child) &&
      (!owner || p.ownerIds.includes(owner)) &&
      (!sb || p.startDate <= sb) &&
      (!sa || p.startDate >= sa) &&
      (!eb || !p.endDate || p.endDate <= eb) &&
      (!ea || !p.endDate || p.endDate >= ea) &&
      meta(p),
    keyOf: (p) => ({
      v: sort?.startsWith('Start')
        ? p.startDate
        : sort?.startsWith('End')
          ? (p.endDate ?? '9999-12-31')
          : sort === 'ModifiedDesc'
            ? p.modified
            : '',
      id: p.id,
    }),
    desc: sort?.endsWith('Desc') ?? false,
    render: (p) => renderPlacement(rc, p, expand),
  };
}

function deletedEntities(ctx: ApiContext, params: Params): ApiAnswer {
  const page = listPage('deletedEntities', params, ctx, ctx.state.deletions, (f) => {
    const after = instantParam(f, 'after');
    const types = enumList(f, 'entities', END_POINTS);
    return {
      filter: (d) =>
        (after === undefined || (ctx.deletedAfter === 'inclusive' ? d.at >= after : d.at > after)) &&
        (types.size === 0 || types.has(d.type)),
      keyOf: (d) => ({ v: d.at, id: d.id }),
      desc: false,
      render: (d) => d,
    };
  });
  const data: Record<string, string[]> = Object.fromEntries(END_POINTS.map((e) => [DELETED_KEY[e], []]));
  for (const d of page.items) data[DELETED_KEY[d.type]]?.push(d.id);
  return { status: 200, body: { data, pageToken: page.pageToken } };
}

function byId<T>(map: ReadonlyMap<string, T>, id: string, render: (item: T) => unknown): ApiAnswer {
  if (!isUuid(id)) throw new ApiError(400, 'InvalidParameter', 'id: not a uuid');
  const found = map.get(id);
  return found ? { status: 200, body: render(found) } : { status: 404 };
}

function lookupIds(body: unknown, key: string): string[] {
  const value = (body as Record<string, unknown> | null)?.[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new ApiError(400, 'InvalidParameter', `${key}: an array of strings`);
  return value as string[];
}

/** Answers one API request; `path` is the part after `/v2.0`. */
export function answerApi(
  ctx: ApiContext,
  method: string,
  path: string,
  params: Params,
  body: unknown,
): ApiAnswer {
  const denied = () => new ApiError(403, 'Forbidden', 'Åtkomst nekad');
  const { placements, persons } = ctx.state;
  const plan = (f: Params) => placementPlan(ctx, f);
  if (path.startsWith('/placements') && !ctx.scopes.has('placements')) throw denied();
  if (method === 'GET' && path === '/placements') {
    const page = listPage('placements', params, ctx, [...placements.values()], plan);
    return { status: 200, body: { data: page.items.map(page.render), pageToken: page.pageToken } };
  }
  if (method === 'GET' && path === '/persons') {
    const page = listPage('persons', params, ctx, [...persons.values()], (f) => personPlan(ctx, f));
    return { status: 200, body: { data: page.items.map(page.render), pageToken: page.pageToken } };
  }
  if (method === 'GET' && path === '/deletedEntities') return deletedEntities(ctx, params);
  const one = /^\/(placements|persons)\/([^/]+)$/.exec(path);
  if (method === 'GET' && one?.[1] === 'placements')
    return byId(placements, one[2] as string, plan(params).render);
  if (method === 'GET' && one?.[1] === 'persons')
    return byId(persons, one[2] as string, personPlan(ctx, params).render);
  if (method === 'POST' && path === '/placements/lookup') {
    const ids = lookupIds(body, 'ids');
    const personIds = lookupIds(body, 'personIds');
    if (ids.length + personIds.length > LOOKUP_MAX)
      throw new ApiError(503, 'TooLarge', 'response too large for the server');
    const found = [...placements.values()].filter((p) => ids.includes(p.id) || personIds.includes(p.childId));
    return { status: 200, body: found.map(plan(params).render) };
  }
  if (method === 'POST' && path === '/persons/lookup') {
    const ids = lookupIds(body, 'ids');
    const civicNos = lookupIds(body, 'civicNos');
    if (ids.length + civicNos.length > LOOKUP_MAX)
      throw new ApiError(503, 'TooLarge', 'response too large for the server');
    const render = personPlan(ctx, params).render;
    const found = [...persons.values()].filter(
      (p) => ids.includes(p.id) || civicNos.includes(p.personnummer.replace('-', '')),
    );
    return { status: 200, body: found.map(render) };
  }
  return { status: 404 };
}
