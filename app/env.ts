/** Parses and validates the environment once at start; nothing else in the hub reads `process.env`. */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { MINA_MEDDELANDEN_ENV, minaMeddelandenProblems } from './env-mina-meddelanden.js';
import { KNOWN_ACRS, LOA3 } from './oidc-sweden.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// Only asymmetric algorithms: an HMAC or `none` entry would let anyone holding the public JWKS mint tokens.
const JWS_ALGORITHMS = [
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
  'Ed25519',
] as const;

/** `true` or `false` (default false). */
const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

/** A claim name the identity provider uses instead of the default (absent → the verifier's default). */
const claimName = z.string().trim().min(1).optional();

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z.url().optional(),
    ARENDENAV_DATA_DIR: z.string().min(1).default('./.data'),
    ARENDENAV_CONFIG: z.string().optional(),
    ARENDENAV_MAPPINGS_DIR: z.string().optional(),
    ARENDENAV_POLICY: z.string().optional(),
    /** The municipalities file: names, contact channels and opening hours shown on the pages. */
    ARENDENAV_MUNICIPALITIES: z.string().optional(),
    ARENDENAV_CONTACT_TOPICS: z.string().optional(),
    /**
     * The Mina ärenden producers file: per municipality its kundhändelsetyp prefix, producer name and
     * the SHA-256 of each API key (docs/mina-arenden.md). Without it no municipality answers.
     */
    ARENDENAV_MINA_ARENDEN: z.string().optional(),
    /** The offices file: each office's mailbox for alerts about its overdue tasks. */
    ARENDENAV_TASK_OFFICES: z.string().optional(),
    /**
     * The SMTP relay the overdue alerts, webhook dead-letter alerts and citizens' e-mail notifications go
     * through (smtp://host:25, smtps://user:pass@host:465); without it none is sent (start-up says so once).
     */
    SMTP_URL: z
      .url()
      .refine((u) => /^smtps?:\/\//.test(u), { message: 'an smtp:// or smtps:// URL' })
      .optional(),
    /** The sender of the alerts and notifications, e.g. "Ärendenav <noreply@kommun.se>". */
    SMTP_FROM: z.string().trim().min(3).default('Ärendenav <noreply@arendenav.invalid>'),
    /** How often the overdue-alert job looks for overdue tasks, in minutes. */
    ARENDENAV_TASK_ALERT_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
    /**
     * Quiet hours of citizen notifications ("HH:MM-HH:MM" wall-clock time in NOTIFY_TIME_ZONE, or "off"):
     * a message due then waits until they end.
     */
    NOTIFY_QUIET_HOURS: z
      .string()
      .trim()
      .default('20:00-08:00')
      .refine((v) => v === 'off' || /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(v), {
        message: 'two times of day as HH:MM-HH:MM (e.g. 20:00-08:00), or off',
      }),
    NOTIFY_TIME_ZONE: z
      .string()
      .trim()
      .default('Europe/Stockholm')
      .refine((zone) => IANAZone.isValidZone(zone), { message: 'an IANA time zone, e.g. Europe/Stockholm' }),
    AMQP_URL: z.url().optional(),
    /**
     * Webhook receivers may be addressed over plain http:// (loopback tests, the demo); otherwise
     * only https:// is accepted.
     */
    ARENDENAV_WEBHOOK_ALLOW_HTTP: flag,
    /**
     * Webhook receivers may be on loopback or private addresses (10/8, 172.16/12, 192.168/16, fc00::/7,
     * 127/8, ::1). Off by default so an admin cannot aim the hub at internal services (SSRF); link-local
     * (169.254/16, fe80::/10, cloud metadata) and unspecified addresses are refused either way.
     */
    ARENDENAV_WEBHOOK_ALLOW_PRIVATE: flag,
    /** How long one webhook delivery may take, in ms (default 10 s). */
    ARENDENAV_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** The wait before a webhook delivery's first retry, doubled per attempt up to the cap (ms). */
    ARENDENAV_WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(1_000),
    ARENDENAV_WEBHOOK_BACKOFF_CAP_MS: z.coerce.number().int().min(1).max(86_400_000).default(600_000),
    /**
     * Events out to RabbitMQ (issue 15): the broker the case events are published to (amqp:// or
     * amqps://); without it the exchange receives nothing and no deliveries pile up for it.
     */
    ARENDENAV_EVENTS_AMQP_URL: z
      .url()
      .refine((u) => /^amqps?:\/\//.test(u), { message: 'an amqp:// or amqps:// URL' })
      .optional(),
    /** The durable topic exchange the events go to (asserted at connect). */
    ARENDENAV_EVENTS_EXCHANGE: z.string().trim().min(1).max(255).default('arendenav.case-events'),
    OIDC_ISSUER: z.url().optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    OIDC_ROLE_CLAIM: claimName,
    OIDC_OFFICE_CLAIM: claimName,
    OIDC_MUNICIPALITY_CLAIM: claimName,
    /**
     * The claim(s) carrying a citizen's personnummer or samordningsnummer, comma-separated; the first
     * one present in a token is used (absent → OIDC Sweden's personalIdentityNumber, then coordinationNumber).
     */
    OIDC_PERSONNUMMER_CLAIM: z
      .string()
      .optional()
      .transform((list) =>
        list === undefined
          ? undefined
          : list
              .split(',')
              .map((c) => c.trim())
              .filter(Boolean),
      )
      .pipe(z.array(z.string()).min(1, 'name at least one claim').optional()),
    /**
     * The lowest assurance level (`acr`, a Sweden Connect URI) a citizen's token must carry; `none`
     * turns the check off (a provider that puts no `acr` in its access tokens).
     */
    OIDC_CITIZEN_MIN_ACR: z
      .string()
      .trim()
      .default(LOA3)
      .refine((acr) => acr === 'none' || KNOWN_ACRS.includes(acr), {
        message: `use one of ${KNOWN_ACRS.join(', ')}, or none`,
      })
      .transform((acr) => (acr === 'none' ? undefined : acr)),
    /** The pages' sign-in (authorization code flow); without these the pages offer no sign-in in production. */
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_SCOPE: z.string().min(1).default('openid'),
    OIDC_RESOURCE: z.string().min(1).optional(),
    /** The hub's public address (https://…), where the identity provider sends the browser back. */
    ARENDENAV_PUBLIC_URL: z.url().optional(),
    OIDC_ALGORITHMS: z
      .string()
      .default('ES256,RS256,PS256,EdDSA')
      .transform((list) =>
        list
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(JWS_ALGORITHMS)).min(1, 'name at least one signing algorithm')),
    PERSON_REF_KEY: z
      .string()
      .min(32, 'PERSON_REF_KEY must be at least 32 characters of secret key material')
      .optional(),
    /**
     * Key of the case ids (HMAC): without it a case id cannot be computed from a case's reference.
     * Changing it needs `arendenav db rekey-case-ids`; the hub refuses to start until the ids match.
     */
    CASE_ID_KEY: z
      .string()
      .min(32, 'CASE_ID_KEY must be at least 32 characters of secret key material')
      .optional(),
    /** Key for the pages' CSRF tokens, the same on every instance (absent → derived from PERSON_REF_KEY, shared already). */
    ARENDENAV_CSRF_KEY: z.string().min(32, 'ARENDENAV_CSRF_KEY must be at least 32 characters').optional(),
    /** Reverse proxies in front of the hub that append X-Forwarded-For; 0 ignores the header. */
    ARENDENAV_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
    /**
     * During a key rotation: the key(s) being replaced, comma-separated. References and quarantined
     * records made with them are still found and opened until every source has been re-read.
     */
    PERSON_REF_KEY_PREVIOUS: z
      .string()
      .optional()
      .transform((list) =>
        (list ?? '')
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().min(32, 'each previous PERSON_REF_KEY must be at least 32 characters'))),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /**
     * The metrics listener: a port of its own (default 9464, Prometheus' convention), on loopback
     * unless told otherwise, so /metrics never shares the public listener. `0` or `off` turns it off.
     */
    ARENDENAV_METRICS_PORT: z
      .string()
      .trim()
      .default('9464')
      .refine((v) => v === 'off' || /^\d{1,5}$/.test(v), { message: 'a port number, or 0 or off' })
      .transform((v) => (v === 'off' || Number(v) === 0 ? undefined : Number(v)))
      .pipe(z.number().int().min(1).max(65535).optional()),
    ARENDENAV_METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
    /**
     * Optional: serve /metrics on the main listener too, to a scraper presenting this bearer token
     * (for platforms that scrape only the service port). Without it the main listener has no /metrics.
     */
    ARENDENAV_METRICS_TOKEN: z
      .string()
      .min(32, 'ARENDENAV_METRICS_TOKEN must be at least 32 characters of random key material')
      .optional(),
    ...MINA_MEDDELANDEN_ENV,
  })
  .strip();

export type Env = z.infer<typeof EnvSchema>;

/** Mode decides what the process may do: `demo` allows built-in sign-in and demo data, `production` refuses both. */
export type Mode = 'demo' | 'production';

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/**
 * Validates `source` for the given mode. Production needs a real database, a real identity
 * provider, a person-reference key and a case id key; demo fills in safe local defaults.
 *
 * @example
 * const env = parseEnv(process.env, 'demo');
 */
export function parseEnv(source: Record<string, string | undefined>, mode: Mode): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const digitalMail = minaMeddelandenProblems(env, mode);
  if (digitalMail.length > 0) throw new EnvError(digitalMail);
  if (mode === 'production') {
    const missing = (
      ['DATABASE_URL', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'PERSON_REF_KEY', 'CASE_ID_KEY'] as const
    ).filter((k) => !env[k]);
    if (missing.length > 0) {
      throw new EnvError(missing.map((k) => `${k}: required in production mode (arendenav serve)`));
    }
    const pageSignIn = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'ARENDENAV_PUBLIC_URL'] as const).filter(
      (k) => env[k],
    );
    if (pageSignIn.length > 0 && pageSignIn.length < 3) {
      throw new EnvError([
        'OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and ARENDENAV_PUBLIC_URL go together: the pages’ sign-in needs all three',
      ]);
    }
  }
  return env;
}

/**
 * A secret named by the sources file (`{ env: NAME }`), read when the sources are loaded. This and
 * `loadEnv` are the only readers of `process.env`.
 */
export function readSecret(name: string): string | undefined {
  return process.env[name];
}

/** Reads the real process environment; the single place that touches `process.env`. */
export function loadEnv(mode: Mode): Env {
  return parseEnv(process.env, mode);
}
