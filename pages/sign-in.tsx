/** Sign-in: in demo mode a choice of test personas; otherwise a pointer to the municipality's e-ID. */
import type { Persona } from '../demo/personas.js';
import { type Language, t } from './i18n.js';
import { Layout } from './layout.js';
import { CSRF_FIELD } from './session.js';

export function SignInPage(props: {
  lang: Language;
  personas: readonly Persona[] | undefined;
  next: string;
  csrf: string;
  needed: boolean;
}) {
  const { lang, personas, next, csrf, needed } = props;
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
                <form method="post" action="/logga-in">
                  <input type="hidden" name={CSRF_FIELD} value={csrf} />
                  <input type="hidden" name="lang" value={lang} />
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
      ) : (
        <p>{t('signInUnavailable', lang)}</p>
      )}
    </Layout>
  );
}
