/** The one error type of the hub, and its conversion to RFC 9457 problem+json. */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isStoreDown } from '../store/store-down.js';

export const ERROR_CODES = {
  validation: { status: 400, title: 'Ogiltig begäran / Invalid request' },
  malformed_json: { status: 400, title: 'Felaktig JSON / Malformed JSON' },
  personnummer_in_url: {
    status: 400,
    title: 'Personnummer får inte stå i adressen / Personnummer not allowed in URL',
  },
  unauthenticated: { status: 401, title: 'Inloggning krävs / Authentication required' },
  forbidden: { status: 403, title: 'Åtkomst nekad / Forbidden' },
  not_found: { status: 404, title: 'Hittades inte / Not found' },
  conflict: { status: 409, title: 'Konflikt / Conflict' },
  /**
   * Well-formed, but naming something that does not exist where it must (an office of the
   * municipality), or not answerable as asked (a statistics range that ends before it starts).
   */
  unprocessable: { status: 422, title: 'Kan inte behandlas / Unprocessable content' },
  payload_too_large: { status: 413, title: 'För stor begäran / Payload too large' },
  unsupported_media_type: { status: 415, title: 'Fel innehållstyp / Unsupported media type' },
  rate_limited: { status: 429, title: 'För många förfrågningar / Too many requests' },
  store_unavailable: { status: 503, title: 'Lagringen är inte tillgänglig / Store unavailable' },
  internal: { status: 500, title: 'Internt fel / Internal error' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const PROBLEM_TYPE_BASE = 'https://arendenav.se/problems/';

/** One invalid field, named by its JSON path; never carries the rejected value. */
export type FieldProblem = { field: string; message: string };

/**
 * A typed error: `code` picks the HTTP status and stable problem type; `detail` must be safe to
 * show (no personal data); `retryable` tells callers (and the sync engine) whether trying again can help.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly errors: FieldProblem[] | undefined;
  readonly context: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    detail: string,
    options: {
      errors?: FieldProblem[];
      retryable?: boolean;
      context?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.errors = options.errors;
    this.context = options.context ?? {};
  }

  get status(): ContentfulStatusCode {
    return ERROR_CODES[this.code].status;
  }
}

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
};

/** Builds the problem+json body; the shape is the same for every error so it leaks nothing by form. */
export function toProblem(error: AppError, requestId?: string): ProblemBody {
  const def = ERROR_CODES[error.code];
  return {
    type: `${PROBLEM_TYPE_BASE}${error.code.replaceAll('_', '-')}`,
    title: def.title,
    status: def.status,
    detail: error.message,
    ...(requestId ? { requestId } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

/** Turns zod issues into field problems without echoing rejected input (it may be a personnummer). */
export function fieldProblemsFromZod(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }>,
): FieldProblem[] {
  return issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return issue.keys.map((key) => ({ field: [...at, key].join('.'), message: 'Unknown field' }));
    }
    return [{ field: at.length > 0 ? at.join('.') : '(body)', message: issue.message }];
  });
}

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Any thrown thing as the hub's error: HTTP exceptions by status, a store outage as 503, the rest as internal. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400 && /json/i.test(error.message)) {
      return new AppError('malformed_json', 'The request body is not valid JSON.', {
        errors: [{ field: '(body)', message: 'Malformed JSON' }],
      });
    }
    const code = HTTP_STATUS_CODES[error.status] ?? 'internal';
    return new AppError(
      code,
      code === 'internal' ? 'Something went wrong on our side.' : 'The request was refused.',
    );
  }
  if (isStoreDown(error))
    return new AppError('store_unavailable', 'The case store does not answer.', { retryable: true });
  const sqlstate = dataExceptionOf(error);
  if (sqlstate) {
    // The last line behind the schemas: a value the database cannot take (a NUL, an impossible date)
    // is the request's fault. Its message quotes the value, so only the SQLSTATE is kept.
    return new AppError(
      'validation',
      'Ett värde i begäran kunde inte användas. / A value in the request could not be used.',
      { errors: [{ field: '(request)', message: 'Ogiltigt värde / Invalid value' }], context: { sqlstate } },
    );
  }
  return new AppError('internal', 'Something went wrong on our side.');
}

/** The SQLSTATE of a PostgreSQL data exception (class 22: bad text, dates, numbers), if `error` is one. */
function dataExceptionOf(error: unknown): string | undefined {
  const { code } = (error ?? {}) as { code?: unknown };
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) ? code : undefined;
}
