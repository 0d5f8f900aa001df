/** The document's `servers`: what a generated client takes as its base address. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { mountApiDocs } from './api-docs.js';
import type { AppEnv } from './context.js';

async function servers(options: Parameters<typeof mountApiDocs>[1]) {
  const app = new OpenAPIHono<AppEnv>();
  mountApiDocs(app, options);
  const doc = (await (await app.request('/openapi.json')).json()) as {
    servers: { url: string }[];
    info: { version: string };
  };
  return { urls: doc.servers.map((s) => s.url), version: doc.info.version };
}

describe('the OpenAPI document’s servers', () => {
  it('is the public origin when the hub knows it (ARENDENAV_PUBLIC_URL)', async () => {
    expect(await servers({ publicOrigin: 'https://arenden.example.se', version: '0.1.0' })).toEqual({
      urls: ['https://arenden.example.se'],
      version: '0.1.0',
    });
  });

  it('is relative to where the document was fetched from otherwise', async () => {
    expect((await servers({})).urls).toEqual(['/']);
  });
});
