/** Webhook subscriptions in the admin console: the municipality's receivers, register one (its secret shown once), remove one. */
import type { Principal } from '../app/principal.js';
import { ActionForm, type Notice, NoticeBox } from './admin-page.js';
import { formatDateTime, formatNumber } from './format.js';
import { type Language, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';
import { CSRF_FIELD } from './session.js';

/** A subscription as the console lists it (the subscriptions service's view). */
export type WebhookRow = {
  id: string;
  url: string;
  description: string | null;
  alertEmail: string | null;
  active: boolean;
  createdAt: string;
  backlog: { pending: number; dead: number };
};

/** What the console needs of the webhook subscriptions service (events/subscriptions.ts). */
export type WebhookService = {
  list(principal: Principal): Promise<WebhookRow[]>;
  create(
    principal: Principal,
    input: { url: string; description?: string | null; alertEmail?: string | null },
  ): Promise<{ subscription: WebhookRow; secret: string }>;
  remove(principal: Principal, id: string): Promise<void>;
};

/** The form as posted, written back when it was refused (never the secret). */
export type WebhookForm = {
  url: string;
  description: string;
  alertEmail: string;
  error?: string;
  emailError?: string;
};

function Field(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  type?: string;
  error?: string | undefined;
  /** Addresses read left to right in every language. */
  ltr?: boolean;
}) {
  const { id, name, label, value, error } = props;
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{label}</label>
      {error ? (
        <p id={`${id}-error`} class="error-message">
          {error}
        </p>
      ) : null}
      <input
        type={props.type ?? 'text'}
        dir={props.ltr ? 'ltr' : undefined}
        id={id}
        name={name}
        value={value}
        autocomplete="off"
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export function WebhooksPage(props: {
  lang: Language;
  session: SessionInfo;
  webhooks: WebhookRow[];
  created?: { url: string; secret: string } | undefined;
  form?: WebhookForm | undefined;
  notice?: Notice | undefined;
}) {
  const { lang, session, webhooks, created, form, notice } = props;
  return (
    <Layout lang={lang} title={t('webhooksTitle', lang)} path="/admin/webhooks" session={session}>
      <h1>{t('webhooksTitle', lang)}</h1>
      <p class="lead">{t('webhooksLead', lang)}</p>
      <NoticeBox notice={notice} />
      {created ? (
        <section class="panel notice notice-ok" aria-labelledby="webhook-secret-heading" id="webhook-created">
          <h2 id="webhook-secret-heading" tabindex={-1}>
            {t('webhookCreated', lang)}
          </h2>
          <p>{created.url}</p>
          <label for="webhook-secret">{t('webhookSecret', lang)}</label>
          <input
            type="text"
            id="webhook-secret"
            value={created.secret}
            readonly
            dir="ltr"
            class="callback-number"
          />
        </section>
      ) : null}
      <section aria-labelledby="webhooks-heading" class="panel">
        <h2 id="webhooks-heading">{t('webhooksTitle', lang)}</h2>
        {webhooks.length === 0 ? (
          <p>{t('webhooksNone', lang)}</p>
        ) : (
          <div class="table-scroll">
            <table class="admin-webhooks">
              <thead>
                <tr>
                  <th scope="col">{t('webhookUrl', lang)}</th>
                  <th scope="col">{t('webhookDescription', lang)}</th>
                  <th scope="col">{t('webhookBacklog', lang)}</th>
                  <th scope="col">{t('adminActions', lang)}</th>
                </tr>
              </thead>
              <tbody>
                {webhooks.map((w) => (
                  <tr>
                    <th scope="row">
                      {w.url}
                      <span class="meta">
                        {' '}
                        · {t(w.active ? 'webhookActive' : 'webhookPaused', lang)} ·{' '}
                        <time datetime={w.createdAt}>{formatDateTime(w.createdAt, lang)}</time>
                      </span>
                    </th>
                    <td>{w.description ?? '–'}</td>
                    <td>
                      {formatNumber(w.backlog.pending, lang)} / {formatNumber(w.backlog.dead, lang)}
                    </td>
                    <td>
                      <ActionForm
                        action={`/admin/webhooks/ta-bort?lang=${lang}`}
                        csrf={session.csrf}
                        fields={{ id: w.id }}
                        label={t('webhookRemove', lang, { url: w.url })}
                        secondary
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <form
        method="post"
        action={`/admin/webhooks?lang=${lang}`}
        class="panel contact-form admin-webhook-form"
        novalidate
      >
        <h2 id="webhook-new-heading">{t('webhookRegister', lang)}</h2>
        <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
        <Field
          id="webhook-url"
          name="url"
          type="url"
          ltr
          label={t('webhookUrl', lang)}
          value={form?.url ?? ''}
          error={form?.error}
        />
        <Field
          id="webhook-description"
          name="description"
          label={t('webhookDescription', lang)}
          value={form?.description ?? ''}
        />
        <Field
          id="webhook-alert-email"
          name="alertEmail"
          type="email"
          ltr
          label={t('webhookAlertEmail', lang)}
          value={form?.alertEmail ?? ''}
          error={form?.emailError}
        />
        <button type="submit" class="button" id="webhook-register">
          {t('webhookRegister', lang)}
        </button>
      </form>
    </Layout>
  );
}
