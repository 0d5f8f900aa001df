/** The measured request kinds, their rotating inputs drawn from the loaded data, and a check that each really works. */
import type { Db } from '../store/db.js';
import { BARE, BARE_AUDIT } from './bare-routes.js';
import { benchVisible } from './bench-staff.js';
import { CASES_PER_SEARCHED_PERSON, SEARCHED_PEOPLE } from './people.js';

/** One request variant; `ok` says whether its answer (JSON, or the page's text) is a real, non-empty result. */
export type Variant = { path: string; body?: string; ok(answer: unknown): boolean };

export type Scenario = {
  key: string;
  label: string;
  method: 'GET' | 'POST';
  authenticated: boolean;
  /** A page: signed in by the session cookie (not a bearer token), answered with HTML. */
  page?: boolean;
  variants: Variant[];
};

/** A common single word: the case-type label of every ordinary building permit. */
export const COMMON_WORD = 'bygglov';
const SEARCH = '/api/v1/cases/search';

type Sampled = { id: string; reference: string; title: string; names: string[] };

const items = (json: unknown) =>
  ((json as { items?: unknown[] } | null)?.items ?? []) as { reference?: string }[];
const search = (body: Record<string, unknown>, ok: Variant['ok']): Variant => ({
  path: SEARCH,
  body: JSON.stringify(body),
  ok,
});

/** A random sample of cases the information center may see (the bench's token is an infocenter one). */
async function sampleCases(db: Db, size: number): Promise<Sampled[]> {
  // The (municipality, domain) pairs the bench token sees; none of its scopes is bound to an office.
  const pairs = benchVisible().scopes.flatMap((s) => s.domains.map((d) => `${s.municipality}:${d}`));
  const { rows } = await db.query<Sampled>(
    `SELECT id, reference, doc->>'title' AS title,
            ARRAY(SELECT p->>'displayName' FROM jsonb_array_elements(doc->'parties') p
                   WHERE NOT (p->>'protectedIdentity')::boolean AND p ? 'displayName') AS names
       FROM cases WHERE municipality_code || ':' || domain = ANY($1::text[]) ORDER BY random() LIMIT $2`,
    [pairs, size],
  );
  if (rows.length < Math.min(size, 10))
    throw new Error(`only ${rows.length} visible cases in the bench database`);
  return rows;
}

/** "Lindqvist garage": a party's surname and the most telling word of the title, as staff type it. */
function textQueries(sample: Sampled[], max: number): string[] {
  const queries = new Set<string>();
  for (const s of sample) {
    const surname = s.names[0]?.split(' ').at(-1);
    const word = s.title
      .split(/[\s,]+/)
      .filter((w) => /^\p{L}{4,}$/u.test(w))
      .sort((a, b) => b.length - a.length)[0];
    if (surname && word) queries.add(`${surname} ${word.toLowerCase()}`);
    if (queries.size >= max) break;
  }
  return [...queries];
}

/** The same requests sent to a bare route (`/bench/bare…`) instead of the hub's. */
function twin(
  s: Scenario,
  base: string,
  suffix: string,
  label: string,
  extra?: Record<string, unknown>,
): Scenario {
  return {
    ...s,
    key: `${s.key}.${suffix}`,
    label: `${s.label} — ${label}`,
    authenticated: false,
    variants: s.variants.map((v) => ({
      ...v,
      path: v.path.replace('/api/v1', base),
      ...(v.body !== undefined && extra
        ? { body: JSON.stringify({ ...(JSON.parse(v.body) as object), ...extra }) }
        : {}),
    })),
  };
}

/** A hub scenario with its bare twin (the SQL alone) and, for audited reads, the bare SQL + one audit INSERT. */
function withCeilings(s: Scenario, audited: boolean): Scenario[] {
  return [
    twin(s, BARE, 'bare', 'bare route, same SQL'),
    ...(audited ? [twin(s, BARE_AUDIT, 'bare-audit', 'bare route, same SQL + audit INSERT')] : []),
    s,
  ];
}

/**
 * Builds the scenarios with inputs taken from what is actually stored, each hub route beside the bare
 * routes it is measured against. Every case id is used: one the API refused (e.g. mistaking it for a
 * personnummer) fails the verification loudly.
 */
export async function buildScenarios(db: Db, sampleSize: number): Promise<Scenario[]> {
  const sample = await sampleCases(db, sampleSize);
  const nonEmpty = (json: unknown) => items(json).length > 0;
  const common: Scenario = {
    key: 'common',
    label: `search q, common word "${COMMON_WORD}"`,
    method: 'POST',
    authenticated: true,
    variants: [search({ q: COMMON_WORD }, nonEmpty)],
  };
  return [
    {
      key: 'constant',
      label: 'GET /bench/constant (no database)',
      method: 'GET',
      authenticated: false,
      variants: [{ path: '/bench/constant', ok: (json) => (json as { ok?: unknown }).ok === true }],
    },
    ...withCeilings(
      {
        key: 'case',
        label: `GET /api/v1/cases/{id} (${sample.length} ids)`,
        method: 'GET',
        authenticated: true,
        variants: sample.map((s) => ({
          path: `/api/v1/cases/${s.id}`,
          ok: (json) => (json as { id?: unknown }).id === s.id,
        })),
      },
      true,
    ),
    ...withCeilings(
      {
        key: 'ref',
        label: `search by reference (${sample.length} refs)`,
        method: 'POST',
        authenticated: true,
        variants: sample.map((s) =>
          search({ reference: s.reference }, (json) => items(json).some((i) => i.reference === s.reference)),
        ),
      },
      true,
    ),
    ...withCeilings(
      {
        key: 'pnr',
        label: `search by personnummer (${SEARCHED_PEOPLE.length} people, ${CASES_PER_SEARCHED_PERSON} cases each)`,
        method: 'POST',
        authenticated: true,
        // A person's cases lie in several municipalities: some people have none the agent may see
        // (an empty answer is right), but the people together must give results (checked in verifyScenarios).
        variants: SEARCHED_PEOPLE.map((p) =>
          search({ personnummer: p.number }, (json) => Array.isArray(items(json))),
        ),
      },
      true,
    ),
    ...withCeilings(
      {
        key: 'text',
        label: 'search q, surname + title word',
        method: 'POST',
        authenticated: true,
        variants: textQueries(sample, 200).map((q) => search({ q }, nonEmpty)),
      },
      false,
    ),
    twin(common, BARE, 'bare-nocount', 'bare route, page only, no count', { count: false }),
    ...withCeilings(common, false),
    {
      key: 'page',
      label: `GET /staff/arenden/{id} page (${sample.length} ids)`,
      method: 'GET',
      authenticated: false,
      page: true,
      variants: sample.map((s) => ({
        path: `/staff/arenden/${s.id}`,
        ok: (html) =>
          typeof html === 'string' &&
          html.includes(`<span class="reference">${escapeHtml(s.reference)}</span>`),
      })),
    },
  ];
}

/** Sends one variant and returns its number of results; throws unless it is a 200 with a real result. */
async function check(baseUrl: string, token: string, s: Scenario, v: Variant): Promise<number> {
  const res = await fetch(baseUrl + v.path, {
    method: s.method,
    headers: requestHeaders(s, token),
    ...(v.body ? { body: v.body } : {}),
  });
  const text = await res.text();
  let json: unknown = text;
  if (!s.page) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (res.status !== 200 || !v.ok(json)) {
    throw new Error(
      `verification failed for (${s.key}) ${s.method} ${v.path} ${v.body ?? ''}: HTTP ${res.status}, ${text.slice(0, 300)}`,
    );
  }
  return Array.isArray((json as { items?: unknown }).items) ? items(json).length : 1;
}

/** The headers a scenario's requests carry: a bearer token for the API, the session cookie for pages. */
export function requestHeaders(s: Scenario, token: string): Record<string, string> {
  return {
    ...(s.authenticated ? { authorization: `Bearer ${token}` } : {}),
    ...(s.page ? { cookie: `arendenav_session=${token}` } : {}),
    ...(s.method === 'POST' ? { 'content-type': 'application/json' } : {}),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Sends every variant of every scenario once (a few at a time) and throws unless each answer is a
 * 200 with a real result: a benchmark of 400s and 404s measures nothing.
 */
export async function verifyScenarios(
  baseUrl: string,
  token: string,
  scenarios: Scenario[],
): Promise<string[]> {
  const report: string[] = [];
  for (const s of scenarios) {
    let next = 0;
    let results = 0;
    const worker = async () => {
      for (let v = s.variants[next++]; v; v = s.variants[next++]) {
        const found = await check(baseUrl, token, s, v);
        results += found;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    if (results === 0) throw new Error(`verification failed for (${s.key}): no variant gave a single result`);
    report.push(
      `(${s.key}) all ${s.variants.length} variants answered 200, ${(results / s.variants.length).toFixed(1)} results on average`,
    );
  }
  return report;
}
