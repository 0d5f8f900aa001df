/** Authenticated encryption (AES-256-GCM) for personal data that must be kept for a while, e.g. quarantined records. */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type SealedBox = {
  seal(value: unknown): Buffer;
  open(sealed: Buffer): unknown;
};

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A box keyed by a key derived (HKDF-SHA256) from the hub's secret and a purpose, so the same
 * secret never encrypts two kinds of data with the same key.
 *
 * @example
 * const box = createSealedBox(env.PERSON_REF_KEY, 'quarantine');
 * box.open(box.seal({ dnr: 'BN 2026-1' }));
 */
export function createSealedBox(
  secret: string | Buffer,
  purpose: string,
  previousSecrets: readonly (string | Buffer)[] = [],
): SealedBox {
  const derive = (s: string | Buffer) =>
    Buffer.from(hkdfSync('sha256', s, Buffer.alloc(0), `arendenav ${purpose} v1`, 32));
  const key = derive(secret);
  // During a key rotation, boxes sealed under a previous secret still open; new ones use the current.
  const openingKeys = [key, ...previousSecrets.map(derive)];
  return {
    seal(value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value)), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      let failure: unknown;
      for (const k of openingKeys) {
        try {
          return JSON.parse(openWith(k, sealed));
        } catch (error) {
          failure = error;
        }
      }
      throw failure;
    },
  };
}

function openWith(key: Buffer, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  );
}
