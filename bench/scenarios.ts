/** The measured request kinds, their rotating inputs drawn from the loaded data, and a check that each really works. */
import type { Principal } from '../app/principal.js';
import { findPersona } from '../demo/personas.js';
import { visibility } from '../policy/access.js';
import { loadPolicy } from '../policy/load-policy.js';
import { CASE_DOMAINS } from '../schemas/case.js';
import type { Db } from '../store/db.js';
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
  /** Measured for information, with no target of its own (and not the baseline). */
  informational?: boolean;
  variants: Variant[];
  /** p99 limit in ms, and for (b) the share of the baseline's req/s it must reach. */
  target?: { p99Ms: number; minRatio?: number };
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
  const municipality = findPersona('infocenter')?.municipality;
  const staff: Principal = {
    kind: 'staff',
    subject: 'bench',
    role: 'infocenter',
    ...(municipality ? { municipality } : {}),
  };
  // The (municipality, domain) pairs the bench token sees; none of its scopes is bound to an office.
  const pairs = (visibility(staff, loadPolicy(), CASE_DOMAINS)?.scopes ?? []).flatMap((s) =>
    s.domains.map((d) => `${s.municipality}:${d}`),
  );
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

/**
 * Builds scenarios (a)–(e) with inputs taken from what is actually stored. Every case id is used:
 * one the API refused (e.g. mistaking it for a personnummer) fails the verification loudly.
 */
export async function buildScenarios(db: Db, sampleSize: number): Promise<Scenario[]> {
  const sample = await sampleCases(db, sampleSize);
  const nonEmpty = (json: unknown) => items(json).length > 0;
  const scenarios: Scenario[] = [
    {
      key: 'a',
      label: 'GET /bench/constant (baseline)',
      method: 'GET',
      authenticated: false,
      variants: [{ path: '/bench/constant', ok: (json) => (json as { ok?: unknown }).ok === true }],
    },
    {
      key: 'b',
      label: `GET /api/v1/cases/{id} (${sample.length} ids)`,
      method: 'GET',
      authenticated: true,
      variants: sample.map((s) => ({
        path: `/api/v1/cases/${s.id}`,
        ok: (json) => (json as { id?: unknown }).id === s.id,
      })),
      target: { p99Ms: 5, minRatio: 0.4 },
    },
    {
      key: 'c',
      label: `search by reference (${sample.length} refs)`,
      method: 'POST',
      authenticated: true,
      variants: sample.map((s) =>
        search({ reference: s.reference }, (json) => items(json).some((i) => i.reference === s.reference)),
      ),
      target: { p99Ms: 10 },
    },
    {
      key: 'd',
      label: `search by personnummer (${SEARCHED_PEOPLE.length} people, ${CASES_PER_SEARCHED_PERSON} cases each)`,
      method: 'POST',
      authenticated: true,
      variants: SEARCHED_PEOPLE.map((p) => search({ personnummer: p.number }, nonEmpty)),
      target: { p99Ms: 10 },
    },
    {
      key: 'e1',
      label: 'search q, surname + title word',
      method: 'POST',
      authenticated: true,
      variants: textQueries(sample, 200).map((q) => search({ q }, nonEmpty)),
      target: { p99Ms: 50 },
    },
    {
      key: 'e2',
      label: `search q, common word "${COMMON_WORD}"`,
      method: 'POST',
      authenticated: true,
      variants: [search({ q: COMMON_WORD }, nonEmpty)],
      target: { p99Ms: 50 },
    },
    {
      key: 'f',
      label: `GET /staff/arenden/{id} page (${sample.length} ids)`,
      method: 'GET',
      authenticated: false,
      page: true,
      informational: true,
      variants: sample.map((s) => ({
        path: `/staff/arenden/${s.id}`,
        ok: (html) =>
          typeof html === 'string' &&
          html.includes(`<span class="reference">${escapeHtml(s.reference)}</span>`),
      })),
    },
  ];
  return scenarios;
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
    report.push(
      `(${s.key}) all ${s.variants.length} variants answered 200, ${(results / s.variants.length).toFixed(1)} results on average`,
    );
  }
  return report;
}
