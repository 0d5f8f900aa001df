/** `/`: what the service is, and the ways in for residents and for staff. */
import { type Language, t } from './i18n.js';
import { Layout, type SessionInfo } from './layout.js';

export function HomePage(props: { lang: Language; session?: SessionInfo | undefined }) {
  const { lang, session } = props;
  return (
    <Layout lang={lang} path="/" session={session}>
      <h1>{t('service', lang)}</h1>
      <p class="lead">{t('tagline', lang)}</p>
      <div class="cards">
        <section aria-labelledby="for-citizens">
          <h2 id="for-citizens">{t('forCitizens', lang)}</h2>
          <p>{t('citizensText', lang)}</p>
          <a class="button" href={`/mina-arenden?lang=${lang}`}>
            {t('myCases', lang)}
          </a>
        </section>
        <section aria-labelledby="for-staff">
          <h2 id="for-staff">{t('forStaff', lang)}</h2>
          <p>{t('staffText', lang)}</p>
          <a class="button" href={`/staff?lang=${lang}`}>
            {t('staffConsole', lang)}
          </a>
        </section>
      </div>
      <p class="note">{t('privacy', lang)}</p>
      <p>
        <a href="/docs">{t('apiDocs', lang)}</a>
      </p>
    </Layout>
  );
}
