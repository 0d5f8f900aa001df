/** Shared steps of the knowledge pages' tests: agents signed in to the console, and a published entry made through the API. */
import { expect } from 'vitest';
import { jsonPost, type testApp } from './app.js';
import { pageClient } from './page-client.js';

type Ctx = Awaited<ReturnType<typeof testApp>>;

export async function consoleAgent(t: Ctx, persona = 'infocenter') {
  const browser = pageClient(t.app);
  await browser.signIn(persona);
  return browser;
}

/** Proposed by Kim and published by a colleague (four eyes), through the API; returns its id. */
export async function publishedEntry(t: Ctx, body: Record<string, unknown>): Promise<string> {
  const kim = await t.tokenFor('infocenter');
  const sam = await t.tokenFor('kc-umea-2');
  const res = await t.app.request(
    '/api/v1/knowledge',
    jsonPost(kim, { municipality: '2480', topic: 'bygglov', ...body }),
  );
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  expect((await t.app.request(`/api/v1/knowledge/${id}/submit`, jsonPost(kim, {}))).status).toBe(200);
  expect((await t.app.request(`/api/v1/knowledge/${id}/publish`, jsonPost(sam, {}))).status).toBe(200);
  return id;
}

/** The register form's fields over sensible defaults. */
export const registerFields = (fields: Record<string, string>) => ({
  channel: 'phone',
  language: 'sv',
  municipality: '2480',
  topic: 'bygglov',
  question: 'När kommer beslutet om garaget?',
  answer: '',
  outcome: 'callback_promised',
  callbackNumber: '',
  personnummer: '',
  ...fields,
});
