/** Paths into source records: dot-separated names, `[n]` for an array item, `@name` for an XML attribute. */

export type Step = string | number;

/** Splits `a.b[0].@c` once, at compile time. */
export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`"${path}" is not a valid path`);
    if (match[1]) steps.push(match[1]);
    for (const index of match[2]?.match(/\d+/g) ?? []) steps.push(Number(index));
  }
  return steps;
}

/** Absent, null (xsi:nil) and empty text are all "no value". */
export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Reads the value at `steps`. A one-element list is looked through (SOAP and XML parsers give a
 * single repeated element as an object or as a list depending on the document), so mappings do not
 * depend on how many elements a source happened to send.
 */
export function readPath(root: unknown, steps: readonly Step[]): unknown {
  let current: unknown = root;
  for (const step of steps) {
    if (current === undefined || current === null) return undefined;
    if (typeof step === 'number') {
      current = Array.isArray(current) ? current[step] : step === 0 ? current : undefined;
      continue;
    }
    if (Array.isArray(current)) {
      if (current.length !== 1) throw new PathError(step, current.length);
      current = current[0];
    }
    current = typeof current === 'object' ? (current as Record<string, unknown>)[step] : undefined;
  }
  // A path ending at a one-item list means the item, as it would in the middle of a path.
  return Array.isArray(current) && current.length === 1 ? current[0] : current;
}

/** Reading a name through a list of several items is ambiguous: the mapping should use `each` or `[n]`. */
export class PathError extends Error {
  constructor(step: string, length: number) {
    super(`the path reaches a list of ${length} items before "${step}"; use "each" or an index like [0]`);
  }
}

/**
 * Every value at `steps`, looking through every list on the way: `handelser.handelse.handlingar.handling`
 * gives all documents of all events, however many there are at each level.
 */
export function readAll(root: unknown, steps: readonly Step[]): unknown[] {
  let level: unknown[] = asList(root);
  for (const step of steps) {
    const next: unknown[] = [];
    for (const item of level) {
      if (typeof step === 'number') {
        const picked = Array.isArray(item) ? item[step] : step === 0 ? item : undefined;
        if (!isMissing(picked)) next.push(picked);
        continue;
      }
      const value =
        item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[step] : undefined;
      next.push(...asList(value));
    }
    level = next;
  }
  return level;
}

/** A value as a list: one element becomes a list of one, none becomes an empty list. */
export function asList(value: unknown): unknown[] {
  if (isMissing(value)) return [];
  return Array.isArray(value) ? value : [value];
}
