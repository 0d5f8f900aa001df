/**
 * What an agent types, as a PostgreSQL tsquery for the 'swedish' configuration: every word a prefix
 * (so "bygglo" finds "bygglov" while they type), all words required.
 */

/** Words: runs of letters and digits. Nothing else reaches the tsquery, so no operator can be injected. */
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_WORDS = 12;

/**
 * The Swedish snowball stemmer (PostgreSQL's, on both backends) leaves the neuter definite ending:
 * "bygglovet" stays "bygglovet", so it would never find "bygglov". Such a word also asks for its
 * stem without "-et"/"-ets"; short words keep theirs ("paket", "budget" are not inflections).
 */
function variants(word: string): string[] {
  const stem = /^(.{4,}?)(?:ets|et)$/u.exec(word)?.[1];
  return stem ? [word, stem] : [word];
}

/**
 * The tsquery text for `to_tsquery('swedish', …)`, or `undefined` when `text` has no word.
 *
 * @example
 * swedishPrefixQuery('Bygglovet för garage'); // "(bygglovet:* | bygglov:*) & för:* & garage:*"
 */
export function swedishPrefixQuery(text: string): string | undefined {
  const words = [...text.toLowerCase().matchAll(WORD)].map((m) => m[0]).slice(0, MAX_WORDS);
  if (words.length === 0) return undefined;
  return words
    .map((w) => {
      const vs = variants(w).map((v) => `${v}:*`);
      return vs.length === 1 ? vs[0] : `(${vs.join(' | ')})`;
    })
    .join(' & ');
}
