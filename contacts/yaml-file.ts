/** Reads a YAML data file and validates it with zod, naming the file, line and path of every problem. */
import { readFileSync } from 'node:fs';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

type Located = { doc: Document; lines: LineCounter };

/** The line of the deepest node that exists along `path` (a missing key is reported where its parent is). */
function lineOf(at: Located, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = at.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return at.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** A bad record key says what a key is (zod's own message for it is only "Invalid key"). */
function messageOf(issue: { code: string; message: string; issues?: { message: string }[] }): string {
  return issue.code === 'invalid_key' && issue.issues?.length
    ? issue.issues.map((i) => i.message).join('; ')
    : issue.message;
}

/**
 * @example
 * const data = readYamlFile('topics.yaml', TopicsFileSchema, (m) => new TopicsError(m));
 * // a bad file throws: "topics.yaml:\n  - line 9: municipalities.2480.0.label.ar: Invalid input…"
 */
export function readYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
  errorOf: (message: string) => Error,
): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw errorOf(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map(
      (e) => `  - line ${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`,
    );
    throw errorOf(`${file}:\n${problems.join('\n')}`);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path as (string | number)[];
    const keys = (issue as { keys?: string[] }).keys;
    const target = issue.code === 'unrecognized_keys' && keys?.[0] ? [...path, keys[0]] : path;
    const line = lineOf({ doc, lines }, target);
    return `  - ${line ? `line ${line}: ` : ''}${path.join('.')}: ${messageOf(issue)}`;
  });
  throw errorOf(`${file}:\n${problems.join('\n')}`);
}
