/**
 * The settings of digital mail through Mina meddelanden (issue 15): when MINA_MEDDELANDEN_URL is set,
 * citizens may choose digital mail and the notifier sends by it. Keys and certificates are files
 * (mounted secrets), never values in the environment.
 */
import { z } from 'zod';

const file = z.string().trim().min(1).optional();

export const MINA_MEDDELANDEN_ENV = {
  /** FaR's Recipient v3 service (isReachable); the mailbox operator's address comes from its answer. */
  MINA_MEDDELANDEN_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The municipality's organisation number (the sender registered with Digg) and its name as recipients see it. */
  MINA_MEDDELANDEN_SENDER_ORGNR: z.string().trim().min(10).optional(),
  MINA_MEDDELANDEN_SENDER_NAME: z.string().trim().min(1).optional(),
  /** PEM files: the RSA key and the organisation certificate the deliveries are signed with. */
  MINA_MEDDELANDEN_SIGNING_KEY_FILE: file,
  MINA_MEDDELANDEN_SIGNING_CERT_FILE: file,
  /** PEM files for mutual TLS towards FaR and the operators, and an extra CA to trust (optional). */
  MINA_MEDDELANDEN_TLS_CERT_FILE: file,
  MINA_MEDDELANDEN_TLS_KEY_FILE: file,
  MINA_MEDDELANDEN_TLS_CA_FILE: file,
  /** Required in every message by the contract: how the recipient reaches the municipality. */
  MINA_MEDDELANDEN_SUPPORT_TEXT: z.string().trim().min(1).optional(),
  MINA_MEDDELANDEN_SUPPORT_URL: z.url({ protocol: /^https?$/ }).optional(),
  MINA_MEDDELANDEN_SUPPORT_PHONE: z.string().trim().min(1).optional(),
  MINA_MEDDELANDEN_SUPPORT_EMAIL: z.email().optional(),
  MINA_MEDDELANDEN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
};

const MinaMeddelandenSchema = z.object(MINA_MEDDELANDEN_ENV);
export type MinaMeddelandenEnv = z.infer<typeof MinaMeddelandenSchema>;

const NEEDED = [
  'MINA_MEDDELANDEN_SENDER_ORGNR',
  'MINA_MEDDELANDEN_SENDER_NAME',
  'MINA_MEDDELANDEN_SIGNING_KEY_FILE',
  'MINA_MEDDELANDEN_SIGNING_CERT_FILE',
  'MINA_MEDDELANDEN_SUPPORT_TEXT',
] as const;

/**
 * What is missing for digital mail, as problems naming the settings (none when it is off or complete):
 * a half-configured sender must stop start-up, not fail at the first citizen's notice.
 */
export function minaMeddelandenProblems(env: MinaMeddelandenEnv, mode: 'demo' | 'production'): string[] {
  if (!env.MINA_MEDDELANDEN_URL) return [];
  const problems = NEEDED.filter((k) => !env[k]).map(
    (k) => `${k}: required when MINA_MEDDELANDEN_URL is set`,
  );
  if (mode === 'production' && env.MINA_MEDDELANDEN_URL.startsWith('http:')) {
    problems.push('MINA_MEDDELANDEN_URL: https is required in production mode');
  }
  if (Boolean(env.MINA_MEDDELANDEN_TLS_CERT_FILE) !== Boolean(env.MINA_MEDDELANDEN_TLS_KEY_FILE)) {
    problems.push('MINA_MEDDELANDEN_TLS_CERT_FILE and MINA_MEDDELANDEN_TLS_KEY_FILE go together');
  }
  return problems;
}
