/**
 * Masking: one pure function at the serialization boundary. A field whose class the caller may not
 * see is removed and named in `confidentiality.masked`, so clients show it as masked, not as missing.
 */
import type { FieldClass } from '../schemas/case.js';

/** Fields a view keeps whatever their class: what identifies the case and its source. */
const NEVER_MASKED = new Set([
  'id',
  'reference',
  'municipality',
  'domain',
  'office',
  'source',
  'freshness',
  'confidentiality',
]);

/**
 * Removes from `view` every field classified (in `fieldClasses`) above what `allowed` holds. Nested
 * classes (`handler.name`, `parties.displayName`) apply inside objects and to every list item.
 * Returns the masked field paths, sorted; `view` is changed in place (it is a fresh copy).
 *
 * @example
 * maskFields(view, { title: 'confidential' }, new Set(['public', 'internal'])); // → ['title']
 */
export function maskFields(
  view: Record<string, unknown>,
  fieldClasses: Readonly<Record<string, FieldClass>>,
  allowed: ReadonlySet<FieldClass>,
): string[] {
  const masked: string[] = [];
  // Shorter paths first: a masked parent makes its children's classes moot.
  for (const [path, cls] of Object.entries(fieldClasses).sort(([a], [b]) => a.length - b.length)) {
    if (allowed.has(cls)) continue;
    const [head, ...rest] = path.split('.');
    // A parent masked before (shorter paths come first) is no longer `in view`.
    if (!head || NEVER_MASKED.has(head) || !(head in view)) continue;
    if (rest.length === 0) {
      delete view[head];
      masked.push(head);
      continue;
    }
    const holder = view[head];
    // `descend` passes over anything that is not an object.
    const items: unknown[] = Array.isArray(holder) ? holder : [holder];
    let removed = false;
    for (const item of items) {
      const target = descend(item, rest.slice(0, -1));
      const leaf = rest.at(-1) as string;
      if (target && leaf in target) {
        delete target[leaf];
        removed = true;
      }
    }
    if (removed) masked.push(path);
  }
  return masked.sort();
}

function descend(from: unknown, steps: string[]): Record<string, unknown> | undefined {
  let current: unknown = from;
  for (const step of steps) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current && typeof current === 'object' ? (current as Record<string, unknown>) : undefined;
}
