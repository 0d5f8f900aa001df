/** Languages of the pages (Swedish default, English, Arabic right to left) and the text lookup. */
import type { LocalizedText } from '../schemas/case.js';
import { formatNumber, LOCALES } from './format.js';
import { PLURAL_TEXTS } from './plural-texts.js';
import { TEXTS } from './texts.js';

export const LANGUAGES = ['sv', 'en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export function languageOf(value: unknown): Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
    ? (value as Language)
    : 'sv';
}

export const DIRECTION: Record<Language, 'ltr' | 'rtl'> = { sv: 'ltr', en: 'ltr', ar: 'rtl' };

export const LANGUAGE_NAMES: Record<Language, string> = { sv: 'Svenska', en: 'English', ar: 'العربية' };

export type TextKey = keyof typeof TEXTS;

// Every text exists in every language: the compiler checks it here.
const CHECKED: Record<TextKey, LocalizedText> = TEXTS;

/** The text in `lang`, with `{name}` placeholders filled from `values`. */
export function t(key: TextKey, lang: Language, values: Record<string, string | number> = {}): string {
  return CHECKED[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export type PluralKey = keyof typeof PLURAL_TEXTS;
type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
const PLURALS: Record<PluralKey, Record<Language, PluralForms>> = PLURAL_TEXTS;
const rules = new Map<Language, Intl.PluralRules>();

/** The text for `n` in the plural form `lang` uses for it, with `{n}` written as that language writes numbers. */
export function tn(key: PluralKey, lang: Language, n: number): string {
  let rule = rules.get(lang);
  if (!rule) {
    rule = new Intl.PluralRules(LOCALES[lang]);
    rules.set(lang, rule);
  }
  const forms = PLURALS[key][lang];
  const text = forms[rule.select(n)] ?? forms.other;
  return text.replace('{n}', formatNumber(n, lang));
}
