/**
 * A webhook's signing secret: made here, shown to the admin once, stored only sealed (AES-GCM under a
 * key of its own purpose, derived from PERSON_REF_KEY like every other sealed box).
 */
import { randomBytes } from 'node:crypto';
import { createSealedBox } from '../person/sealed-box.js';

export const WEBHOOK_SECRET_PURPOSE = 'webhook signing secret';

export type SecretBox = { seal(secret: string): string; open(sealed: string): string };

/** A new secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * @example
 * const box = webhookSecretBox(env.PERSON_REF_KEY, env.PERSON_REF_KEY_PREVIOUS);
 * box.open(box.seal(newWebhookSecret()));
 */
export function webhookSecretBox(
  key: string | Buffer,
  previousKeys: readonly (string | Buffer)[] = [],
): SecretBox {
  const box = createSealedBox(key, WEBHOOK_SECRET_PURPOSE, previousKeys);
  return {
    seal: (secret) => box.seal(secret).toString('base64'),
    open: (sealed) => String(box.open(Buffer.from(sealed, 'base64'))),
  };
}
