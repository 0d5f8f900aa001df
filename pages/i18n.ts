/** Languages of the pages (Swedish default, English, Arabic right to left) and the text lookup. */
import type { LocalizedText } from '../schemas/case.js';
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
