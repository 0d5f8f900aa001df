/** The page frame: language and direction, landmarks, skip link, language switch, sign-out; no inline script. */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Role } from '../app/principal.js';
import { DIRECTION, LANGUAGE_NAMES, LANGUAGES, type Language, type TextKey, t } from './i18n.js';
import { CSRF_FIELD } from './session.js';

export const ROLE_NAMES: Record<Role, TextKey> = {
  citizen: 'roleCitizen',
  infocenter: 'roleInfocenter',
  officer: 'roleOfficer',
  admin: 'roleAdmin',
};

/** The staff console's sections, by role: the contact register is the information center's. */
const STAFF_LINKS: readonly { href: string; text: TextKey; roles: readonly Role[] }[] = [
  { href: '/staff', text: 'navSearch', roles: ['infocenter', 'officer'] },
  { href: '/staff/fragor/ny', text: 'navNewContact', roles: ['infocenter'] },
  { href: '/staff/fragor', text: 'navMyContacts', roles: ['infocenter'] },
  { href: '/staff/kunskap', text: 'navKnowledge', roles: ['infocenter'] },
  { href: '/staff/statistik', text: 'navStats', roles: ['infocenter'] },
  { href: '/staff/uppgifter', text: 'navMyTasks', roles: ['officer'] },
  { href: '/admin', text: 'navAdmin', roles: ['admin'] },
  { href: '/admin/logg', text: 'auditTitle', roles: ['admin'] },
  { href: '/admin/webhooks', text: 'webhooksTitle', roles: ['admin'] },
];

function StaffNav(props: { lang: Language; role: Role; path: string }) {
  const { lang, role, path } = props;
  const links = STAFF_LINKS.filter((link) => link.roles.includes(role));
  if (links.length === 0) return null;
  const current = path.split('?')[0];
  return (
    <nav aria-label={t('staffTitle', lang)} class="staff-nav">
      <ul>
        {links.map((link) => (
          <li>
            <a href={`${link.href}?lang=${lang}`} aria-current={link.href === current ? 'page' : undefined}>
              {t(link.text, lang)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Who is signed in, for the header; `csrf` lets the sign-out form post. */
export type SessionInfo = { role: Role; csrf: string };

/**
 * `title` is the page's own name (the start page has none and is just the service name); `path`
 * is where the language links lead (a page reached by a form post links to its form instead).
 */
export function Layout(props: {
  lang: Language;
  title?: string;
  path: string;
  session?: SessionInfo | undefined;
  /** Moves the browser on to this address of ours at once (no script needed). */
  refreshTo?: string;
  children: Child;
}) {
  const { lang, title, path, session, refreshTo, children } = props;
  const separator = path.includes('?') ? '&' : '?';
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={lang} dir={DIRECTION[lang]}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title ? `${title} – ${t('service', lang)}` : t('service', lang)}</title>
          <link rel="stylesheet" href="/assets/app.css" />
          {refreshTo ? <meta http-equiv="refresh" content={`0;url=${refreshTo}`} /> : null}
        </head>
        <body>
          <a class="skip-link" href="#main">
            {t('skip', lang)}
          </a>
          <header class="site-header">
            <a class="brand" href={`/?lang=${lang}`}>
              {t('service', lang)}
            </a>
            <nav aria-label={t('language', lang)}>
              <ul class="languages">
                {LANGUAGES.map((code) => (
                  <li>
                    <a
                      href={`${path}${separator}lang=${code}`}
                      lang={code}
                      hreflang={code}
                      aria-current={code === lang ? 'true' : undefined}
                    >
                      {LANGUAGE_NAMES[code]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {session ? (
              <form
                class="account"
                method="post"
                action={`/logga-ut?lang=${lang}`}
                aria-label={t('account', lang)}
              >
                <span>{t('signedInAs', lang, { role: t(ROLE_NAMES[session.role], lang) })}</span>
                <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
                <button type="submit" class="link-button">
                  {t('signOut', lang)}
                </button>
              </form>
            ) : null}
            {session ? <StaffNav lang={lang} role={session.role} path={path} /> : null}
          </header>
          <main id="main" tabindex={-1}>
            {children}
          </main>
        </body>
      </html>
    </>
  );
}
