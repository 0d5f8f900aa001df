/** Case reference numbers (diarienummer) from a per-office template such as `BN {yyyy}-{n:6}`. */

/** Umeå's offices as they print reference numbers on letters (ByggR's are in ../byggr-v8/municipalities.ts; SS 12000 has none). */
export const UMEA_REFERENCE_FORMATS = {
  omsorg: 'SN {yyyy}/{n:4}',
} as const;

/**
 * Fills a template: `{yyyy}` is the year, `{n}` the running number of the year, `{n:6}` the same
 * zero-padded to six digits. `BN {yyyy}-{n:6}` → `BN 2026-000123`, `BYGG.{yyyy}.{n}` → `BYGG.2026.812`.
 */
export function formatReference(template: string, year: number, n: number): string {
  return template
    .replaceAll('{yyyy}', String(year))
    .replace(/\{n(?::(\d+))?\}/g, (_, width: string | undefined) =>
      String(n).padStart(width ? Number(width) : 0, '0'),
    );
}

/** Running numbers per year: the first case of a new year gets number `first` again. */
export function createYearCounter(first: number): (year: number) => number {
  const next = new Map<number, number>();
  return (year) => {
    const n = next.get(year) ?? first;
    next.set(year, n + 1);
    return n;
  };
}
