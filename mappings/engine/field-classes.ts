/** What a mapping's `fields` may name, and the classes set on nested parts of a field's rule. */
import type { FieldClass } from '../../schemas/case.js';
import type { Rule } from './mapping-schema.js';

/** Canonical fields a mapping fills; any other name under `fields` may only classify a source field as secret. */
export const CANONICAL_FIELDS = new Set([
  'title',
  'caseType',
  'office',
  'handler',
  'receivedAt',
  'completeAt',
  'decidedAt',
  'closedAt',
  'decision',
  'documents',
  'parties',
  'property',
  'confidentiality',
]);

/**
 * Classes set explicitly on nested parts (e.g. `handler.name: confidential` under an internal
 * `handler`), by canonical path with list items unindexed (`parties.displayName`).
 */
export function nestedClasses(rule: Rule, prefix: string, out: Record<string, FieldClass>): void {
  for (const [key, sub] of Object.entries(rule.object ?? {})) {
    const path = `${prefix}.${key}`;
    if (sub.class && sub.class !== 'secret') out[path] = sub.class;
    nestedClasses(sub, path, out);
  }
  if (rule.item) nestedClasses(rule.item, prefix, out);
  for (const part of rule.concat ?? []) nestedClasses(part, prefix, out);
}
