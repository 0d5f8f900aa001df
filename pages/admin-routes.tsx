/**
 * The admin console's routes (/admin), for system owners only: sources and resync, the quarantine
 * (retry, release, dry run), mappings, audit search and webhook subscriptions. Every action is a form
 * post with the CSRF token; record ids and personnummer travel in the form, never in the address.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { callerOf } from '../app/middleware.js';
import type { Principal, Role } from '../app/principal.js';
import type { AdminAudit } from '../cases/admin-audit.js';
import { adminMunicipality, type SourceOperations } from '../cases/source-operations.js';
import { isUuid } from '../schemas/case-id.js';
import { type AuditOutcome, AuditPage, type AuditSearchKind } from './admin-audit.js';
import {
  AdminPage,
  type MappingRow,
  type MappingTest,
  mappingTestNotice,
  type Notice,
  resyncNotice,
} from './admin-page.js';
import { DryRunPage, QuarantinePage, releaseNotice, retryNotice } from './admin-quarantine.js';
import { type WebhookForm, type WebhookService, WebhooksPage } from './admin-webhooks.js';
import { t } from './i18n.js';
import type { SessionInfo } from './layout.js';
import { lang, type PageHelpers } from './page-context.js';
import type { PageSession } from './session.js';

const ADMIN_ROLES: readonly Role[] = ['admin'];
const FIELD_CHARS = 500;

export type AdminRouteDeps = {
  sourceOperations: SourceOperations;
  adminAudit: AdminAudit;
  webhooks: WebhookService;
  /** The loaded mappings and their versions. */
  mappings: () => MappingRow[];
  testMapping?: MappingTest | undefined;
  session: PageSession;
  helpers: PageHelpers;
};

/** A text field of a posted form, trimmed and bounded; '' when absent. */
function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim().slice(0, FIELD_CHARS) : '';
}

export function adminRoutes(deps: AdminRouteDeps): Hono<AppEnv> {
  const { sourceOperations: ops, session, helpers } = deps;
  const app = new Hono<AppEnv>();
  const admin = (c: Context<AppEnv>, path: string) => helpers.signedIn(c, ADMIN_ROLES, path);
  const info = (c: Context<AppEnv>) => helpers.sessionInfo(c) as SessionInfo;

  async function overview(c: Context<AppEnv>, who: Principal, notice?: Notice) {
    const municipality = adminMunicipality(who);
    return c.html(
      <AdminPage
        lang={lang(c)}
        session={info(c)}
        municipality={municipality}
        sources={await ops.list(who)}
        mappings={deps.mappings().filter((m) => m.municipality.code === municipality)}
        testable={Boolean(deps.testMapping)}
        notice={notice}
      />,
    );
  }

  async function quarantine(c: Context<AppEnv>, who: Principal, notice?: Notice) {
    const { source, entries } = await ops.quarantine(who, c.req.param('source') as string);
    return c.html(
      <QuarantinePage lang={lang(c)} session={info(c)} source={source} entries={entries} notice={notice} />,
    );
  }

  /** The posted record id of a quarantine action (a source's own id, or a content hash). */
  async function recordOf(c: Context<AppEnv>): Promise<string> {
    const record = field(await helpers.form(c), 'post');
    if (!record)
      throw new AppError('validation', 'Name the record.', {
        errors: [{ field: 'post', message: 'required' }],
      });
    return record;
  }

  app.get('/admin', async (c) => {
    const who = admin(c, '/admin');
    if (who instanceof Response) return who;
    return overview(c, who);
  });

  app.post('/admin/kallor/:source/synka', session.verifyForm, async (c) => {
    const who = admin(c, '/admin');
    if (who instanceof Response) return who;
    const id = c.req.param('source');
    const outcome = await ops.resync(who, id);
    return overview(c, who, resyncNotice(id, outcome, lang(c)));
  });

  app.post('/admin/mappningar/test', session.verifyForm, async (c) => {
    const who = admin(c, '/admin');
    if (who instanceof Response) return who;
    const id = field(await helpers.form(c), 'mappning');
    const municipality = adminMunicipality(who);
    const report = municipality && deps.testMapping ? await deps.testMapping(id, municipality) : undefined;
    if (!report) throw new AppError('not_found', 'No such mapping.');
    return overview(c, who, mappingTestNotice(id, report, lang(c)));
  });

  app.get('/admin/kallor/:source/karantan', async (c) => {
    const who = admin(c, '/admin');
    if (who instanceof Response) return who;
    return quarantine(c, who);
  });

  app.post('/admin/kallor/:source/forsok-igen', session.verifyForm, async (c) => {
    const who = admin(c, '/admin');
    if (who instanceof Response) return who;
    const record = await recordOf(c);
    const outcome = await ops.retry(who, c.req.param('source'), record);
    return quarantine(c, who, retryNotice(record, outcome, lang(c)));
  });

  app.post('/admin/kallor/:source/slapp', session.verifyForm, async (c) => {
    const who = admin(c, '/admin');
    if (who instanceof Response) return who;
    const record = await recordOf(c);
    const released = await ops.release(who, c.req.param('source'), record);
    return quarantine(c, who, releaseNotice(record, released, lang(c)));
  });

  app.post('/admin/kallor/:source/provkor', session.verifyForm, async (c) => {
    const who = admin(c, '/admin');
    if (who instanceof Response) return who;
    const record = await recordOf(c);
    const id = c.req.param('source');
    const { source } = await ops.quarantine(who, id);
    const result = await ops.dryRun(who, id, record);
    return c.html(
      <DryRunPage lang={lang(c)} session={info(c)} source={source} record={record} result={result} />,
    );
  });

  app.get('/admin/logg', (c) => {
    const who = admin(c, '/admin/logg');
    if (who instanceof Response) return who;
    return c.html(<AuditPage lang={lang(c)} session={info(c)} />);
  });

  app.post('/admin/logg/:kind{arende|medarbetare|person}', session.verifyForm, async (c) => {
    const who = admin(c, '/admin/logg');
    if (who instanceof Response) return who;
    const kind = c.req.param('kind') as AuditSearchKind;
    const body = await helpers.form(c);
    const caller = callerOf(c);
    let outcome: AuditOutcome;
    if (kind === 'arende') {
      const value = field(body, 'arende').toLowerCase();
      outcome = isUuid(value)
        ? { kind, value, entries: await deps.adminAudit.byCase(caller, value) }
        : { kind, value, error: 'auditBadCaseId' };
    } else if (kind === 'medarbetare') {
      const value = field(body, 'medarbetare').slice(0, 200);
      outcome = value
        ? { kind, value, entries: await deps.adminAudit.byStaff(caller, value) }
        : { kind, value, error: 'auditBadSubject' };
    } else {
      try {
        outcome = {
          kind,
          value: '',
          entries: await deps.adminAudit.byPerson(caller, field(body, 'personnummer')),
        };
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'validation')) throw error;
        outcome = { kind, value: '', error: 'auditBadPersonnummer' };
      }
    }
    return c.html(<AuditPage lang={lang(c)} session={info(c)} outcome={outcome} />);
  });

  async function webhooksPage(
    c: Context<AppEnv>,
    who: Principal,
    extra: { created?: { url: string; secret: string }; form?: WebhookForm; notice?: Notice } = {},
  ) {
    return c.html(
      <WebhooksPage lang={lang(c)} session={info(c)} webhooks={await deps.webhooks.list(who)} {...extra} />,
    );
  }

  app.get('/admin/webhooks', async (c) => {
    const who = admin(c, '/admin/webhooks');
    if (who instanceof Response) return who;
    return webhooksPage(c, who);
  });

  app.post('/admin/webhooks', session.verifyForm, async (c) => {
    const who = admin(c, '/admin/webhooks');
    if (who instanceof Response) return who;
    const body = await helpers.form(c);
    const form: WebhookForm = {
      url: field(body, 'url'),
      description: field(body, 'description'),
      alertEmail: field(body, 'alertEmail'),
    };
    if (form.alertEmail && !z.email().max(254).safeParse(form.alertEmail).success)
      return webhooksPage(c, who, { form: { ...form, emailError: t('webhookBadEmail', lang(c)) } });
    try {
      const { subscription, secret } = await deps.webhooks.create(who, {
        url: form.url,
        description: form.description || null,
        alertEmail: form.alertEmail || null,
      });
      return webhooksPage(c, who, { created: { url: subscription.url, secret } });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'validation')) throw error;
      const reason = error.errors?.map((e) => e.message).join(' ') ?? error.message;
      return webhooksPage(c, who, { form: { ...form, error: t('webhookBadUrl', lang(c), { reason }) } });
    }
  });

  app.post('/admin/webhooks/ta-bort', session.verifyForm, async (c) => {
    const who = admin(c, '/admin/webhooks');
    if (who instanceof Response) return who;
    const id = field(await helpers.form(c), 'id');
    if (!isUuid(id)) throw new AppError('not_found', 'No such subscription.');
    await deps.webhooks.remove(who, id);
    return webhooksPage(c, who, { notice: { ok: true, text: t('webhookRemoved', lang(c)) } });
  });

  // Unknown admin addresses get a page, not JSON.
  app.get('/admin/*', () => {
    throw new AppError('not_found', 'No such page.');
  });
  return app;
}
