/** Reading the question off the request: the correlation header, the language and the body, each checked as the contract says. */
import type { Context } from 'hono';
import type { AppEnv } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { type KundhandelseFraga, KundhandelseFragaSchema } from '../../minaarenden/fraga.js';
import { answerLanguage, type Language } from '../../minaarenden/texts.js';

export const CORRELATION_HEADER = 'skv_client_correlation_id';

/** Printable ASCII, 1–200 characters, at least one of them visible (the reference producer's rule). */
const CORRELATION_ID = /^[\x20-\x7E]{1,200}$/;
const LANGUAGE_HEADER = /^[A-Za-z0-9,;=.*\- ]{1,200}$/;
/** Issues listed in a 400 at most; the first ones are what a caller fixes first. */
const MAX_ISSUES = 5;

const badRequest = (detail: string) => new AppError('validation', detail);

/** The correlation id the caller must send; its value is echoed, never logged (it is the caller's text). */
export function correlationId(c: Context<AppEnv>): string {
  const id = c.req.header(CORRELATION_HEADER);
  if (id === undefined) throw badRequest(`header ${CORRELATION_HEADER} is required`);
  if (!CORRELATION_ID.test(id) || id.trim() === '')
    throw badRequest(`header ${CORRELATION_HEADER} must be 1–200 printable ASCII characters`);
  return id;
}

/** The answer's language and the header as given (echoed as `metadata.onskatSprak`). */
export function requestLanguage(c: Context<AppEnv>): { lang: Language; asked?: string } {
  const asked = c.req.header('accept-language');
  if (asked === undefined) return { lang: 'sv' };
  if (!LANGUAGE_HEADER.test(asked)) throw badRequest('header Accept-Language is not a list of language tags');
  return { lang: answerLanguage(asked), asked };
}

/** The body as a question: JSON, then the schema; problems name fields and rules, never values. */
export async function readFraga(c: Context<AppEnv>): Promise<KundhandelseFraga> {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? ''))
    throw new AppError('unsupported_media_type', 'Send the question as application/json.');
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new AppError('malformed_json', 'the body is not valid JSON');
  }
  const parsed = KundhandelseFragaSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => {
    const at = i.path.map(String).join('.') || '(body)';
    // A type error's message names the type received, never the value.
    return `${at}: ${i.message}`;
  });
  throw badRequest(issues.join('; '));
}
