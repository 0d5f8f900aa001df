/**
 * The published OpenAPI document is clean by Spectral's OpenAPI ruleset (`spectral:oas`): no error and
 * no warning. Regressions this catches: an operation without an `operationId` (generators then invent
 * method names) or without a description, a tag used but not declared, no `servers` or `contact`, an
 * example that does not match its own schema, and a request body whose shared schema has a default
 * (openapi-typescript then makes the field required, so every client must send it).
 */
import { Document, Spectral } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;
type Operation = { operationId?: string; requestBody?: { content?: Record<string, { schema?: unknown }> } };
type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

let t: Ctx;
let text: string;
let doc: OpenApiDoc;

beforeAll(async () => {
  t = await testApp();
  text = await (await t.app.request('/openapi.json')).text();
  doc = JSON.parse(text) as OpenApiDoc;
});
afterAll(async () => t.drop());

function operations(): { where: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
  );
}

/** Properties with a `default` reached through a `$ref` from `schema` (each named schema visited once). */
function sharedDefaults(schema: unknown, seen = new Set<string>(), inShared = false): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return [];
    seen.add(name);
    return sharedDefaults(doc.components?.schemas?.[name], seen, true).map((p) => `${name}.${p}`);
  }
  const found: string[] = [];
  for (const [key, prop] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
    if (inShared && prop && typeof prop === 'object' && 'default' in prop) found.push(key);
    found.push(...sharedDefaults(prop, seen, inShared).map((p) => `${key}.${p}`));
  }
  for (const key of ['items', 'additionalProperties'])
    found.push(...sharedDefaults(node[key], seen, inShared));
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    for (const part of (node[key] ?? []) as unknown[]) found.push(...sharedDefaults(part, seen, inShared));
  return found;
}

describe('the OpenAPI document', () => {
  it('has no error and no warning by Spectral’s OpenAPI ruleset', async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, 'recommended']] });
    const findings = await spectral.run(new Document(text, Json, '/openapi.json'));
    const lines = findings.map(
      (f) =>
        `${['error', 'warning', 'info', 'hint'][f.severity]} ${f.code} at ${f.path.join('.')}: ${f.message}`,
    );
    // Infos and hints are advice; errors and warnings are what a client generator trips over.
    expect(lines.filter((line) => /^(error|warning) /.test(line))).toEqual([]);
  });

  it('gives every operation a unique camelCase operationId, so a route added later without one fails here', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(30);
    const missing = ops.filter(({ op }) => !op.operationId).map(({ where }) => where);
    expect(missing, 'operations without an operationId (add `operationId` to the createRoute)').toEqual([]);
    const notCamel = ops
      .filter(({ op }) => !/^[a-z][a-zA-Z0-9]*$/.test(op.operationId ?? ''))
      .map(({ where, op }) => `${where}: ${op.operationId}`);
    expect(notCamel).toEqual([]);
    const ids = ops.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names the operations client code calls by the names we chose', () => {
    const id = (where: string) => operations().find((o) => o.where === where)?.op.operationId;
    expect(id('POST /api/v1/cases/search')).toBe('searchCases');
    expect(id('GET /api/v1/cases/{id}')).toBe('getCase');
    expect(id('GET /api/v1/me/cases')).toBe('listMyCases');
  });

  it('describes no request body with a shared schema that has a default (generators would make it required)', () => {
    const offenders = operations().flatMap(({ where, op }) =>
      Object.values(op.requestBody?.content ?? {}).flatMap((media) =>
        sharedDefaults(media.schema).map((path) => `${where}: ${path}`),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
