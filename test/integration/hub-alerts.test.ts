/** The hub composes the overdue-alert job from its environment: on with SMTP_URL, off (said once) without, stopped on close. */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../app/env.js';
import { startHub } from '../../app/hub.js';
import { demoHubIdentity, loadDemoIdentity } from '../../demo/identity.js';
import { findPersona, type Persona } from '../../demo/personas.js';
import { bearer, jsonPost } from '../support/app.js';
import { type Backend, backends, freshDatabase } from '../support/databases.js';
import { startSmtpSink } from '../support/smtp-sink.js';

async function hubOn(backend: Backend, extra: Record<string, string>) {
  const dataDir = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'hub-alerts-'));
  const database = backend === 'postgres' ? await freshDatabase('postgres') : undefined;
  const env = parseEnv(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      ARENDENAV_METRICS_PORT: 'off',
      ARENDENAV_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
      ...extra,
    },
    'demo',
  );
  const identity = await loadDemoIdentity();
  const hub = await startHub(env, 'demo', {
    startSync: false,
    identity: demoHubIdentity(identity),
  });
  return {
    hub,
    identity,
    async close() {
      await hub.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each(backends(import.meta.url))('the hub’s overdue alerts on %s', (backend) => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => smtp.close());

  it('alerts through SMTP_URL with the public address’s link and the municipality’s name, and stops on close', async () => {
    const { hub, identity, close } = await hubOn(backend, {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Ärendenav Umeå <noreply@umea.example>',
      ARENDENAV_PUBLIC_URL: 'https://arendenav.umea.example',
    });
    try {
      expect(hub.alerts).toBeDefined();
      const agent = await identity.issue(findPersona('infocenter') as Persona);
      const created = await fetch(
        `${hub.url}/api/v1/contacts`,
        jsonPost(agent, { municipality: '2480', channel: 'phone', topic: 'bygglov', question: 'Garaget?' }),
      );
      const { id } = await created.json();
      const forwarded = await fetch(
        `${hub.url}/api/v1/contacts/${id}/forward`,
        jsonPost(agent, { office: 'BN', note: 'Svara.' }),
      );
      expect(forwarded.status).toBe(200);
      // Due in five working days: make it overdue now.
      await hub.db.query(`UPDATE contact_tasks SET due_at = now() - interval '1 hour'`);
      expect(await hub.alerts?.run()).toMatchObject({ alerted: 1 });
      expect((await fetch(`${hub.url}/api/v1/contacts`, bearer(agent))).status).toBe(200);
    } finally {
      await close();
    }
    const [mail] = smtp.received;
    expect(mail?.rcptTo).toEqual(['bygglov@umea.example']);
    expect(mail?.mail.from?.text).toContain('noreply@umea.example');
    expect(mail?.mail.subject).toContain('1 för BN, Umeå');
    expect(mail?.mail.text).toContain('https://arendenav.umea.example/staff/uppgifter');
  });

  it('starts without alerts when no SMTP_URL is given', async () => {
    const { hub, close } = await hubOn(backend, {});
    try {
      expect(hub.alerts).toBeUndefined();
    } finally {
      await close();
    }
  });
});
