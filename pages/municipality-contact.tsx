/** A municipality's own contact block, from the deployment's municipalities file: channels and opening hours. */
import type { Municipality } from '../municipalities/municipality-schema.js';
import { ContactList } from './contact-list.js';
import { type Language, t } from './i18n.js';

/** "Umeå kommun", "Umeå Municipality", "بلدية Umeå". */
export function municipalityName(name: string, lang: Language): string {
  return t('municipalityName', lang, { name });
}

/**
 * `level` is the block's own heading level where it stands (opening hours go one below), so the
 * page's outline stays unbroken wherever the block is placed.
 */
export function MunicipalityContact(props: {
  municipality: Municipality;
  lang: Language;
  heading: string;
  level: 3 | 4;
  id: string;
}) {
  const { municipality, lang, heading, level, id } = props;
  const Heading = level === 3 ? 'h3' : 'h4';
  const Below = level === 3 ? 'h4' : 'h5';
  return (
    <div class="municipality-contact">
      <Heading id={id}>{heading}</Heading>
      <ContactList contact={municipality.contact} lang={lang} />
      <Below>{t('openingHours', lang)}</Below>
      <ul class="plain opening-hours">
        {municipality.openingHours.map((line) => (
          <li>{line[lang]}</li>
        ))}
      </ul>
    </div>
  );
}
