/**
 * JSON parsing that gives the event loop a turn: a long text is split along its own structure into
 * values of at most `sliceChars` characters, each parsed with JSON.parse, and the parser pauses
 * (setImmediate) whenever it has worked for `budgetMs`. So a page of several megabytes never holds up
 * staff reads for more than a few milliseconds at a time. The result equals JSON.parse's, and so does
 * what it refuses. No streaming JSON parser is among the dependencies and a page is capped in size
 * anyway (http-body.ts), so slicing the capped text was chosen over adding one.
 */

export type SliceOptions = {
  /** Values at most this long are handed to JSON.parse whole. */
  sliceChars?: number;
  /** Work this long at most before giving the event loop a turn. */
  budgetMs?: number;
};

const SCAN_CHECK_EVERY = 1 << 16;

type Clock = { pause(): Promise<void> };

function clockOf(budgetMs: number): Clock {
  let since = performance.now();
  return {
    async pause() {
      if (performance.now() - since < budgetMs) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    },
  };
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function unexpected(at: number): SyntaxError {
  return new SyntaxError(`Unexpected token in JSON at position ${at}`);
}

/** The index just past the string starting at `at` (a quote). */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  throw new SyntaxError('Unterminated string in JSON');
}

/** The index just past the value starting at `at`; only brackets and strings are checked here. */
async function valueEnd(text: string, at: number, clock: Clock): Promise<number> {
  const first = text.charCodeAt(at);
  if (first === 0x22) return stringEnd(text, at);
  if (first !== 0x7b && first !== 0x5b) {
    let i = at;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x2c || c === 0x5d || c === 0x7d || isSpace(c)) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  let i = at;
  let sinceCheck = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      sinceCheck += end - i;
      i = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
    if (++sinceCheck >= SCAN_CHECK_EVERY) {
      sinceCheck = 0;
      await clock.pause();
    }
  }
  throw new SyntaxError('Unexpected end of JSON input');
}

type Span = { text: string; sliceChars: number; clock: Clock };

async function parseSpan(span: Span, start: number, end: number): Promise<unknown> {
  const { text } = span;
  const open = text.charCodeAt(start);
  if (end - start <= span.sliceChars || (open !== 0x7b && open !== 0x5b)) {
    await span.clock.pause();
    return JSON.parse(text.slice(start, end));
  }
  const isObject = open === 0x7b;
  const close = isObject ? 0x7d : 0x5d;
  if (text.charCodeAt(end - 1) !== close) throw unexpected(end - 1);
  const inner = end - 1;
  const array: unknown[] = [];
  const object: Record<string, unknown> = {};
  let i = skipSpace(text, start + 1);
  if (i === inner) return isObject ? object : array;
  while (true) {
    let key = '';
    if (isObject) {
      if (text.charCodeAt(i) !== 0x22) throw unexpected(i);
      const keyEnd = stringEnd(text, i);
      key = JSON.parse(text.slice(i, keyEnd)) as string;
      i = skipSpace(text, keyEnd);
      if (text.charCodeAt(i) !== 0x3a) throw unexpected(i);
      i = skipSpace(text, i + 1);
    }
    if (i >= inner) throw unexpected(i);
    const childEnd = await valueEnd(text, i, span.clock);
    if (childEnd > inner) throw unexpected(inner);
    const value = await parseSpan(span, i, childEnd);
    // defineProperty, as JSON.parse does: a "__proto__" key is a plain property, never the prototype.
    if (isObject)
      Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    else array.push(value);
    i = skipSpace(text, childEnd);
    if (i === inner) return isObject ? object : array;
    if (text.charCodeAt(i) !== 0x2c) throw unexpected(i);
    i = skipSpace(text, i + 1);
  }
}

/**
 * Parses `text` as JSON.parse would, pausing for the event loop along the way.
 *
 * @example
 * const page = await parseJsonInSlices(await response.text());
 */
export async function parseJsonInSlices(text: string, options: SliceOptions = {}): Promise<unknown> {
  const sliceChars = options.sliceChars ?? 64 * 1024;
  if (text.length <= sliceChars) return JSON.parse(text);
  const start = skipSpace(text, 0);
  let end = text.length;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start === end) throw new SyntaxError('Unexpected end of JSON input');
  return parseSpan({ text, sliceChars, clock: clockOf(options.budgetMs ?? 5) }, start, end);
}
