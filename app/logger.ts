/** Structured JSON logging with pino, with personal data redacted by path and scrubbed by pattern. */
import { type DestinationStream, type Logger, pino } from 'pino';
import { scrubPersonnummer } from '../person/scrub.js';

export type { Logger };

/** Paths that may carry personal data or secrets; pino replaces their values before serialising. */
export const REDACT_PATHS = [
  'personnummer',
  '*.personnummer',
  'pnr',
  '*.pnr',
  'displayName',
  '*.displayName',
  'name',
  '*.name',
  'parties',
  '*.parties',
  'body',
  '*.body',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * Creates the hub's logger. Every line also passes a pattern scrubber so that a personnummer
 * slipping into a message or an unexpected field is replaced, not written.
 *
 * @example
 * const log = createLogger({ level: 'info' });
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'arendenav' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubPersonnummer(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? (scrubPersonnummer(a) as string) : a)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    options.destination,
  );
}
