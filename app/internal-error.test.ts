/**
 * Our own faults answer with a generic title and detail and the request id, never the cause's
 * words: the database's message names tables and may quote values. The cause goes to the log.
 * A regression this catches: passing the internal error's message through to the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp } from '../test/support/app.js';
import { backends } from '../test/support/databases.js';
import { fixtureCases } from '../test/support/fixtures.js';
import { pageClient } from '../test/support/page-client.js';

/** What the database says when the table is gone, in any of its parts. */
const RAW = /relation|does not exist|"cases"|42P01|case_status_history/;

describe.each(backends(import.meta.url))('an internal error on %s', (backend) => {
  type Ctx = Awaited<ReturnType<typeof testApp>>;
  let t: Ctx;
  let caseId: string;
  let staffPages: ReturnType<typeof pageClient>;

  beforeAll(async () => {
    t = await testApp(backend);
    const { garage } = fixtureCases(t.personRefs);
    await t.store.upsertMany([garage]);
    caseId = garage.id;
    staffPages = pageClient(t.app);
    await staffPages.signIn('infocenter');
    // A real fault under the running app: the table every read starts from is gone.
    await t.db.query('DROP TABLE cases CASCADE');
  });
  afterAll(async () => t.drop());

  /** The log line of the failed request keeps the cause for the operator. */
  function expectCauseLogged(requestId: string) {
    const line = t.logLines.find((l) => l.includes(requestId) && l.includes('"level":"error"'));
    expect(line).toMatch(/does not exist/);
  }

  it('answers an API client problem+json with only a generic title, detail and the request id', async () => {
    const res = await t.app.request(`/api/v1/cases/${caseId}`, bearer(await t.tokenFor('infocenter')));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      type: 'https://arendenav.se/problems/internal',
      title: 'Internt fel / Internal error',
      status: 500,
      detail: 'Something went wrong on our side.',
      requestId: res.headers.get('x-request-id'),
    });
    expect(text).not.toMatch(RAW);
    expectCauseLogged(res.headers.get('x-request-id') as string);
  });

  it('shows a browser a page in Swedish with the request id, and nothing of the cause', async () => {
    const { res, html } = await staffPages.get(`/staff/arenden/${caseId}`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('text/html');
    const requestId = res.headers.get('x-request-id') as string;
    expect(html).toContain('Ett oväntat fel inträffade hos oss. Försök igen.');
    expect(html).toContain(`Felreferens: ${requestId}`);
    expect(html).not.toMatch(RAW);
    expectCauseLogged(requestId);
  });
});
