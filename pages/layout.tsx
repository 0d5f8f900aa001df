/** The page frame: language and direction, landmarks, skip link, language switch; no inline script. */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { DIRECTION, LANGUAGE_NAMES, LANGUAGES, type Language, t } from './i18n.js';

/** `title` is the page's own name; the start page has none and is just the service name. */
export function Layout(props: { lang: Language; title?: string; path: string; children: Child }) {
  const { lang, title, path, children } = props;
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={lang} dir={DIRECTION[lang]}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title ? `${title} – ${t('service', lang)}` : t('service', lang)}</title>
          <link rel="stylesheet" href="/assets/app.css" />
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
                      href={`${path}?lang=${code}`}
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
          </header>
          <main id="main" tabindex={-1}>
            {children}
          </main>
        </body>
      </html>
    </>
  );
}
