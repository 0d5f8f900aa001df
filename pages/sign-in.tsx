/** Sign-in: in demo mode a choice of test personas; otherwise a pointer to the municipality's e-ID. */
import type { Role } from '../app/principal.js';
import type { LocalizedText } from '../schemas/case.js';
import { type Language, t } from './i18n.js';
import { Layout } from './layout.js';
import { CSRF_FIELD } from './session.js';

/** A persona the demo's sign-in page offers (demo mode only; the demo composition provides them). */
export type SignInPersona = { id: string; role: Role; label: string; description: LocalizedText };

/** Demo mode only: the personas the sign-in page offers and what signs a session token for one. */
export type DemoSignIn = {
  personas: readonly SignInPersona[];
  issue(personaId: string, ttlSeconds: number): Promise<string>;
};

export function SignInPage(props: {
  lang: Language;
  personas: readonly SignInPersona[] | undefined;
  next: string;
  csrf: string;
  needed: boolean;
  /** The municipality's e-ID through its OpenID provider (production). */
  eid: boolean;
}) {
  const { lang, personas, next, csrf, needed, eid } = props;
  return (
    <Layout lang={lang} title={t('signIn', lang)} path={`/logga-in?next=${encodeURIComponent(next)}`}>
      <h1>{t('signIn', lang)}</h1>
      {needed ? <p class="notice">{t('signInNeeded', lang)}</p> : null}
      {personas ? (
        <>
          <p>{t('signInDemoIntro', lang)}</p>
          <ul class="personas">
            {personas.map((persona) => (
              <li class="persona">
                <form method="post" action={`/logga-in?lang=${lang}`}>
                  <input type="hidden" name={CSRF_FIELD} value={csrf} />
                  <input type="hidden" name="next" value={next} />
                  <input type="hidden" name="persona" value={persona.id} />
                  <button type="submit" class="button" aria-describedby={`persona-${persona.id}`}>
                    {t('signInAs', lang, { name: persona.label })}
                  </button>
                  <p id={`persona-${persona.id}`} class="hint">
                    {persona.description[lang]}
                  </p>
                </form>
              </li>
            ))}
          </ul>
        </>
      ) : eid ? (
        <>
          <p>{t('signInEidIntro', lang)}</p>
          {/* A link, not a form: the CSP's form-action would stop the redirect on to the provider. */}
          <a
            class="button"
            href={`/logga-in/start?lang=${lang}${next ? `&next=${encodeURIComponent(next)}` : ''}`}
          >
            {t('signInEid', lang)}
          </a>
        </>
      ) : (
        <p>{t('signInUnavailable', lang)}</p>
      )}
    </Layout>
  );
}

/** After the provider's redirect: the session cookie is SameSite=Strict, so the browser moves on from a page of ours. */
export function SignedInPage(props: { lang: Language; next: string }) {
  const { lang, next } = props;
  return (
    <Layout lang={lang} title={t('signedIn', lang)} path="/" refreshTo={next}>
      <h1>{t('signedIn', lang)}</h1>
      <p>
        <a href={next}>{t('continue', lang)}</a>
      </p>
    </Layout>
  );
}

/** After signing out with e-ID: on to the provider, which ends its own session and sends the browser back. */
export function SignedOutPage(props: { lang: Language; next: string }) {
  const { lang, next } = props;
  return (
    <Layout lang={lang} title={t('signedOut', lang)} path="/" refreshTo={next}>
      <h1>{t('signedOut', lang)}</h1>
      <p>{t('signedOutProvider', lang)}</p>
      <p>
        <a href={next}>{t('continue', lang)}</a>
      </p>
    </Layout>
  );
}
