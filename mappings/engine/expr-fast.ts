/**
 * A synchronous evaluator for the plain subset of JSONata that mappings use (field paths, literals,
 * comparisons, `and`/`or`, `&`, arithmetic, `? :`, `$exists`, `$toMillis`, `$fromMillis`, `$now`),
 * so a record does not pay for JSONata's asynchronous evaluation of every node.
 *
 * It gives a value only where JSONata's own rules give that same value without doubt; on anything
 * else (an array, an object, mixed types, a value JSONata would refuse) it gives up and the caller
 * evaluates the expression with JSONata itself, which also produces JSONata's own error messages.
 * Subexpressions that read nothing of the record (`$fromMillis($toMillis($now()), …)`) are
 * computed once per `now`.
 */
import jsonata from 'jsonata';

/** Evaluates over the record; throws (anything) to say "ask JSONata". */
export type FastExpr = (record: unknown, now: Date) => unknown;

/** A node of JSONata's parsed expression, read loosely: only known shapes are compiled. */
type Node = { type: string; value?: unknown; [key: string]: unknown };
type Compiled = { fn: FastExpr; readsRecord: boolean };

class GiveUp extends Error {}
const GIVE_UP = new GiveUp('not in the fast subset');
const giveUp = (): never => {
  throw GIVE_UP;
};

type Builtin = (...args: unknown[]) => unknown;
// JSONata's own implementations, called only with the argument types their signatures accept as is.
const BUILTINS = Object.fromEntries(
  await Promise.all(
    ['exists', 'toMillis', 'fromMillis'].map(async (name) => {
      const f = (await jsonata(`$${name}`).evaluate({})) as { implementation: Builtin };
      return [name, f.implementation] as const;
    }),
  ),
) as Record<'exists' | 'toMillis' | 'fromMillis', Builtin>;

/** The keys each node type may have; any other key (a predicate, a group, a focus …) is outside the subset. */
const KEYS: Record<string, readonly string[]> = {
  string: ['type', 'value', 'position'],
  number: ['type', 'value', 'position'],
  value: ['type', 'value', 'position'],
  name: ['type', 'value', 'position'],
  variable: ['type', 'value', 'position'],
  path: ['type', 'steps', 'position'],
  binary: ['type', 'value', 'position', 'lhs', 'rhs'],
  condition: ['type', 'position', 'condition', 'then', 'else'],
  block: ['type', 'position', 'expressions'],
  function: ['type', 'value', 'position', 'arguments', 'procedure'],
};

function plain(node: Node): boolean {
  const keys = KEYS[node.type];
  // The parser leaves some keys present but undefined (a call's `name`); JSONata acts on a predicate
  // or group by its presence alone.
  const inert = (k: string) => node[k] === undefined && k !== 'predicate' && k !== 'group';
  return keys !== undefined && Object.keys(node).every((k) => keys.includes(k) || inert(k));
}

/** A value the subset handles: a finite number, a string, a boolean, null or no value. */
function scalar(v: unknown): unknown {
  if (v === undefined || v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return giveUp();
}

/** JSONata's effective boolean value of a scalar (no value counts as false). */
function truthy(v: unknown): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  return v === true;
}

/** A field path over plain objects, as JSONata's lookup reads it; an array anywhere gives up. */
function readPath(record: unknown, keys: string[]): unknown {
  let v: unknown = record;
  for (const key of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
    if (v === undefined) return undefined;
    if (Array.isArray(v) || typeof v === 'function') return giveUp();
  }
  return v !== null && typeof v === 'object' ? giveUp() : scalar(v);
}

/** Once per `now`: a subexpression that reads nothing of the record. */
function perNow(fn: FastExpr): FastExpr {
  let at = Number.NaN;
  let value: unknown;
  return (record, now) => {
    const t = now.getTime();
    if (t === at) return value;
    const v = fn(record, now);
    at = t;
    value = v;
    return v;
  };
}

function binary(op: string, l: FastExpr, r: FastExpr): FastExpr | undefined {
  switch (op) {
    case 'and':
      return (x, n) => truthy(l(x, n)) && truthy(r(x, n));
    case 'or':
      return (x, n) => truthy(l(x, n)) || truthy(r(x, n));
    case '=':
    case '!=': {
      const want = op === '=';
      return (x, n) => {
        const a = l(x, n);
        const b = r(x, n);
        return a === undefined || b === undefined ? false : (a === b) === want;
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (x, n) => {
        const a = l(x, n);
        const b = r(x, n);
        const ok = (v: unknown) => v === undefined || typeof v === 'string' || typeof v === 'number';
        if (!ok(a) || !ok(b)) return giveUp();
        if (a === undefined || b === undefined) return undefined;
        if (typeof a !== typeof b) return giveUp();
        const [p, q] = [a as string | number, b as string | number];
        return op === '<' ? p < q : op === '<=' ? p <= q : op === '>' ? p > q : p >= q;
      };
    case '&':
      return (x, n) => {
        const a = l(x, n);
        const b = r(x, n);
        if ((a !== undefined && typeof a !== 'string') || (b !== undefined && typeof b !== 'string'))
          return giveUp();
        return (a ?? '') + (b ?? '');
      };
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return (x, n) => {
        const a = l(x, n);
        const b = r(x, n);
        const ok = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
        if (!ok(a) || !ok(b)) return giveUp();
        if (a === undefined || b === undefined) return undefined;
        const [p, q] = [a as number, b as number];
        // A result that is no finite number (x / 0) is left to JSONata, which refuses it where it is used.
        return scalar(
          op === '+' ? p + q : op === '-' ? p - q : op === '*' ? p * q : op === '/' ? p / q : p % q,
        );
      };
    default:
      return undefined;
  }
}

function call(name: unknown, args: FastExpr[]): FastExpr | undefined {
  const [a, b, c] = args;
  if (name === 'now' && args.length === 0) return (_x, n) => n.toISOString();
  if (name === 'exists' && a && args.length === 1) return (x, n) => BUILTINS.exists(a(x, n));
  if (name === 'toMillis' && a && args.length === 1)
    return (x, n) => {
      const s = a(x, n);
      return typeof s === 'string' ? scalar(BUILTINS.toMillis(s)) : giveUp();
    };
  if (name === 'fromMillis' && a && args.length <= 3)
    return (x, n) => {
      const values = [a(x, n), b?.(x, n), c?.(x, n)].slice(0, args.length);
      const [ms, ...texts] = values;
      if (typeof ms !== 'number' || !texts.every((t) => typeof t === 'string')) return giveUp();
      return formatMillis(ms, texts[0] as string | undefined, texts[1] as string | undefined);
    };
  return undefined;
}

// JSONata analyses the picture anew on every call; several fields of a record often format the same
// instant (SS 12000's day after endDate is both the status date and closedAt), so the last is kept.
const lastFormat: { ms: number; picture?: string | undefined; zone?: string | undefined; text?: string } = {
  ms: Number.NaN,
};

function formatMillis(ms: number, picture: string | undefined, zone: string | undefined): unknown {
  const l = lastFormat;
  if (ms === l.ms && picture === l.picture && zone === l.zone && l.text !== undefined) return l.text;
  const text = scalar(BUILTINS.fromMillis(ms, picture, zone));
  if (typeof text === 'string') Object.assign(lastFormat, { ms, picture, zone, text });
  return text;
}

/** Compiles a node; one that reads nothing of the record (and is more than a literal) is kept per `now`. */
function compile(node: Node): Compiled | undefined {
  const compiled = compileNode(node);
  if (!compiled || compiled.readsRecord || LITERALS.has(node.type)) return compiled;
  return { fn: perNow(compiled.fn), readsRecord: false };
}

const LITERALS = new Set(['string', 'number', 'value']);

function compileNode(node: Node): Compiled | undefined {
  if (!plain(node)) return undefined;
  const sub = (n: unknown) => compile(n as Node);
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value': {
      const v = node.value;
      const ok = v === null || typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v);
      if (!ok) return undefined;
      return { fn: () => v, readsRecord: false };
    }
    case 'path': {
      const steps = node.steps as Node[];
      if (!steps.every((s) => s.type === 'name' && plain(s) && typeof s.value === 'string')) return undefined;
      const keys = steps.map((s) => s.value as string);
      return { fn: (x) => readPath(x, keys), readsRecord: true };
    }
    case 'block': {
      const parts = (node.expressions as Node[]).map(sub);
      if (parts.some((p) => !p)) return undefined;
      const fns = (parts as Compiled[]).map((p) => p.fn);
      return {
        fn: (x, n) => {
          let v: unknown;
          for (const f of fns) v = f(x, n);
          return v;
        },
        readsRecord: (parts as Compiled[]).some((p) => p.readsRecord),
      };
    }
    case 'condition': {
      const [cond, then] = [sub(node.condition), sub(node.then)];
      const otherwise =
        node.else === undefined ? { fn: () => undefined, readsRecord: false } : sub(node.else);
      if (!cond || !then || !otherwise) return undefined;
      return {
        fn: (x, n) => (truthy(cond.fn(x, n)) ? then.fn(x, n) : otherwise.fn(x, n)),
        readsRecord: cond.readsRecord || then.readsRecord || otherwise.readsRecord,
      };
    }
    case 'binary': {
      const [l, r] = [sub(node.lhs), sub(node.rhs)];
      const fn = l && r && binary(String(node.value), l.fn, r.fn);
      return fn ? { fn, readsRecord: (l as Compiled).readsRecord || (r as Compiled).readsRecord } : undefined;
    }
    case 'function': {
      const proc = node.procedure as Node;
      if (node.value !== '(' || proc.type !== 'variable' || !plain(proc)) return undefined;
      const args = (node.arguments as Node[]).map(sub);
      if (args.some((a) => !a)) return undefined;
      const fn = call(
        proc.value,
        (args as Compiled[]).map((a) => a.fn),
      );
      return fn ? { fn, readsRecord: (args as Compiled[]).some((a) => a.readsRecord) } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The fast evaluator of a parsed expression, or undefined when it uses anything outside the subset.
 * Its result is always JSONata's as the engine calls it (`$now` bound to `now.toISOString()`, no
 * other bindings); where it throws, JSONata must be asked.
 */
export function compileFast(expression: jsonata.Expression): FastExpr | undefined {
  const compiled = compile(expression.ast() as unknown as Node);
  if (!compiled) return undefined;
  const fn = compiled.fn;
  // JSONata reads an array given as the whole input as a sequence; that is left to it.
  return (record, now) =>
    record !== null && typeof record === 'object' && !Array.isArray(record) ? fn(record, now) : giveUp();
}
