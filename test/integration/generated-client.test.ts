/**
 * A client generated from our live OpenAPI document (openapi-typescript types, openapi-fetch calls)
 * type-checks and works against the hub: it searches without sending `limit` and reads a case.
 * Regression: `limit` (a field with a default) was typed as required, so every generated client had
 * to send it; and a type that had quietly become `any` would pass any call (the `@ts-expect-error`
 * lines fail the check then).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { makeCase } from '../support/cases.js';

/** What a developer would write against the generated types; compiled with our strictest settings. */
const CLIENT = `import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

type SearchBody = paths['/api/v1/cases/search']['post']['requestBody']['content']['application/json'];
/** \`limit\` may be left out: the server's default applies. */
export const minimalSearch: SearchBody = { q: 'garage' };

export function hubClient(token: string, fetch: (request: Request) => Promise<Response>) {
  return createClient<paths>({ baseUrl: 'http://hub.test', fetch, headers: { authorization: \`Bearer \${token}\` } });
}
type HubClient = ReturnType<typeof hubClient>;

/** Searches by free text, leaving \`limit\` to the server, and reads the first case found. */
export async function searchAndRead(client: HubClient, q: string) {
  const found = await client.POST('/api/v1/cases/search', { body: { q } });
  if (!found.data) throw new Error(\`search failed: \${found.response.status}\`);
  const first = found.data.items[0];
  if (!first) throw new Error('nothing found');
  const read = await client.GET('/api/v1/cases/{id}', { params: { path: { id: first.id } } });
  if (!read.data) throw new Error(\`read failed: \${read.response.status}\`);
  const reference: string = read.data.reference;
  const next: string | null = found.data.nextCursor;
  // A status the caller may not see is left out of the view (masked), so it is optional.
  return { count: found.data.items.length, next, reference, status: read.data.status?.code };
}

/** Never called: each line must be refused by the types, or the check fails as an unused expectation. */
export function refusedByTheTypes(client: HubClient) {
  // @ts-expect-error: no such field (the request body is strict)
  const misspelt: SearchBody = { q: 'garage', limt: 5 };
  void misspelt;
  // @ts-expect-error: limit is a number
  void client.POST('/api/v1/cases/search', { body: { q: 'garage', limit: '5' } });
  // @ts-expect-error: a case is read by its id in the path
  void client.GET('/api/v1/cases/{id}', {});
  // @ts-expect-error: no such path
  void client.GET('/api/v1/case/{id}', { params: { path: { id: 'x' } } });
}
`;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2024,
  lib: ['lib.es2024.d.ts', 'lib.dom.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

let t: Awaited<ReturnType<typeof testApp>>;
let dir: string;

beforeAll(async () => {
  t = await testApp();
  // 25 matching cases: more than one default page (20), so the page size shows the default applied.
  await t.store.upsertMany(Array.from({ length: 25 }, (_, i) => makeCase({ sourceId: `A-${i + 1}` })));
  // Under the repository (TMPDIR is .tmp/tmp there), so the client resolves openapi-fetch from node_modules.
  dir = mkdtempSync(join(process.env.TMPDIR ?? '.tmp', 'generated-client-'));
  const doc = await (await t.app.request('/openapi.json')).json();
  writeFileSync(join(dir, 'schema.ts'), astToString(await openapiTS(doc)));
  writeFileSync(join(dir, 'client.ts'), CLIENT);
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await t?.drop();
});

describe('a client generated from /openapi.json', () => {
  it('type-checks in strict mode, and the types refuse wrong calls', () => {
    const program = ts.createProgram([join(dir, 'client.ts')], COMPILER_OPTIONS);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.replace(dir, '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(errors).toEqual([]);
  });

  it('searches without sending limit (the server’s default of 20 applies) and reads the first case', async () => {
    const { hubClient, searchAndRead } = (await import(pathToFileURL(join(dir, 'client.ts')).href)) as {
      hubClient: (token: string, fetch: (request: Request) => Promise<Response>) => unknown;
      searchAndRead: (
        client: unknown,
        q: string,
      ) => Promise<{ count: number; next: string | null; reference: string; status?: string }>;
    };
    const sent: unknown[] = [];
    const client = hubClient(await t.tokenFor('infocenter'), async (request) => {
      if (request.method === 'POST') sent.push(await request.clone().json());
      return t.app.fetch(request);
    });
    const result = await searchAndRead(client, 'enbostadshus');
    expect(sent).toEqual([{ q: 'enbostadshus' }]);
    expect(result.count).toBe(20);
    expect(result.next).not.toBeNull();
    expect(result.reference).toMatch(/^BN 2026-0000\d\d$/);
    expect(result.status).toBe('in_progress');
  });
});
