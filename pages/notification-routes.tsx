/** "Aviseringar" on Mina ärenden (issue 15): the citizen's notification choice, shown and saved. */
import { Hono } from 'hono';
import type { AppEnv } from '../app/context.js';
import { callerOf } from '../app/middleware.js';
import type { ChoiceRefusal, NotificationChoices } from '../notify/choices.js';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_LANGUAGES,
  type NotificationChannel,
  type NotificationLanguage,
} from '../schemas/notification.js';
import type { SessionInfo } from './layout.js';
import {
  NOTIFICATIONS_PATH,
  NotificationsPage,
  type NotifyErrors,
  type NotifyValues,
} from './notifications-page.js';
import { lang, type PageHelpers } from './page-context.js';
import type { PageSession } from './session.js';

const REFUSAL_TEXT = {
  email_missing: 'errorNotifyEmailMissing',
  email_invalid: 'errorNotifyEmailInvalid',
  channel_unavailable: 'errorNotifyChannel',
  identity_unavailable: 'errorNotifyIdentity',
} as const satisfies Record<ChoiceRefusal['reason'], string>;

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : undefined;

export function notificationRoutes(deps: {
  notifications: NotificationChoices;
  session: PageSession;
  helpers: PageHelpers;
}): Hono<AppEnv> {
  const { notifications, session, helpers } = deps;
  const app = new Hono<AppEnv>();
  // Reading the choice is audited: only on a navigation the citizen made here.
  app.get(NOTIFICATIONS_PATH, helpers.ownNavigation);

  app.get(NOTIFICATIONS_PATH, async (c) => {
    const who = helpers.signedIn(c, ['citizen'], NOTIFICATIONS_PATH);
    if (who instanceof Response) return who;
    const l = lang(c);
    const choice = await notifications.read(callerOf(c));
    const values: NotifyValues = {
      channel: choice?.channel ?? '',
      email: choice?.channel === 'email' ? choice.email : '',
      // Without a choice, the language of the page they are reading.
      language: choice?.language ?? l,
    };
    return c.html(
      <NotificationsPage
        lang={l}
        session={helpers.sessionInfo(c) as SessionInfo}
        channels={notifications.channels}
        quietHours={notifications.quietHours}
        values={values}
        errors={{}}
        saved={c.req.query('klart') === '1'}
        chosen={choice !== undefined}
      />,
    );
  });

  app.post(NOTIFICATIONS_PATH, session.verifyForm, async (c) => {
    const who = helpers.signedIn(c, ['citizen'], NOTIFICATIONS_PATH);
    if (who instanceof Response) return who;
    const l = lang(c);
    const form = await helpers.form(c);
    const channel = oneOf<NotificationChannel>(NOTIFICATION_CHANNELS, form.channel);
    const language = oneOf<NotificationLanguage>(NOTIFICATION_LANGUAGES, form.language);
    const email = typeof form.email === 'string' ? form.email.trim() : '';
    const values: NotifyValues = { channel: channel ?? '', email, language: language ?? l };
    const errors: NotifyErrors = {};
    if (!channel) errors.channel = 'errorNotifyChannel';
    if (!language) errors.language = 'errorNotifyLanguage';
    if (channel && language) {
      const saved = await notifications.save(callerOf(c), { channel, language, email });
      if (saved.ok) return c.redirect(`${NOTIFICATIONS_PATH}?lang=${l}&klart=1`, 303);
      errors[saved.field] = REFUSAL_TEXT[saved.reason];
    }
    return c.html(
      <NotificationsPage
        lang={l}
        session={helpers.sessionInfo(c) as SessionInfo}
        channels={notifications.channels}
        quietHours={notifications.quietHours}
        values={values}
        errors={errors}
        saved={false}
        chosen
      />,
      400,
    );
  });
  return app;
}
