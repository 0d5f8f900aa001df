/** The engine's resilience pieces: per-source retry with backoff and circuit breaker, call timeouts, error texts. */
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  retry,
  wrap,
} from 'cockatiel';
import { ConnectorError } from '../connectors/contract.js';
import { isStoreDown } from '../store/store-down.js';

type BackoffContext = IRetryBackoffContext<unknown>;
const MAX_RETRY_AFTER_MS = 60_000;

/** The PII-free text of an error for logs, the API and the database. */
export function describe(error: unknown): string {
  if (error instanceof ConnectorError) return `${error.code}: ${error.message}`;
  if (error instanceof BrokenCircuitError) return 'circuit open';
  if (error instanceof Error && error.name === 'AppError') return error.message;
  if (isStoreDown(error)) return 'the case store is not reachable';
  return 'internal error while syncing';
}

/** Exponential backoff with jitter that still waits at least as long as the office system asked (Retry-After). */
function honourRetryAfter(
  inner: IBackoff<BackoffContext> | IBackoffFactory<BackoffContext>,
): IBackoffFactory<BackoffContext> {
  return {
    next(context) {
      const base = inner.next(context);
      const error = 'error' in context.result ? context.result.error : undefined;
      const asked = error instanceof ConnectorError ? (error.options.retryAfterMs ?? 0) : 0;
      return {
        duration: Math.max(base.duration, Math.min(asked, MAX_RETRY_AFTER_MS)),
        next: honourRetryAfter(base).next,
      };
    },
  };
}

/** A source's policy: retries (retryable connector errors only) inside a circuit breaker, per run. */
export function sourcePolicy(settings: {
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
}) {
  const breaker = circuitBreaker(
    handleWhen(() => true),
    {
      halfOpenAfter: settings.breaker.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.breaker.consecutiveFailures),
    },
  );
  const retryPolicy = retry(
    handleWhen((e) => e instanceof ConnectorError && e.retryable),
    {
      maxAttempts: settings.retry.maxAttempts,
      backoff: honourRetryAfter(
        new ExponentialBackoff({
          initialDelay: settings.retry.initialDelayMs,
          maxDelay: settings.retry.maxDelayMs,
        }),
      ),
    },
  );
  return { breaker, policy: wrap(breaker, retryPolicy) };
}

class CallTimeout extends ConnectorError {
  constructor(ms: number) {
    super('timeout', `no answer within ${ms} ms`, { retryable: true });
  }
}

/** `work`, or a retryable timeout after `ms` that also aborts the call through `controller`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort(new CallTimeout(ms));
          reject(new CallTimeout(ms));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
