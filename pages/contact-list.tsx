/** Contact channels as links: phone, e-mail and web (http(s) only), written left to right in every language. */
import { type Language, t } from './i18n.js';

export type ContactChannels = {
  phone?: string | undefined;
  email?: string | undefined;
  url?: string | undefined;
};

export function ContactList(props: { contact: ContactChannels | undefined; lang: Language }) {
  const { contact, lang } = props;
  if (!contact) return null;
  return (
    <ul class="plain">
      {contact.phone ? (
        <li>
          {t('phone', lang)}:{' '}
          <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
            {contact.phone}
          </a>
        </li>
      ) : null}
      {contact.email ? (
        <li>
          {t('email', lang)}:{' '}
          <a href={`mailto:${contact.email}`} dir="ltr">
            {contact.email}
          </a>
        </li>
      ) : null}
      {contact.url && /^https?:\/\//i.test(contact.url) ? (
        <li>
          {t('website', lang)}:{' '}
          <a href={contact.url} dir="ltr">
            {contact.url}
          </a>
        </li>
      ) : null}
    </ul>
  );
}
