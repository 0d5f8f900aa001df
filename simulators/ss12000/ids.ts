/** Deterministic uuids for simulated SS 12000 entities: the same seed and name give the same id on every run. */
import { createHash } from 'node:crypto';

/** A version-4-shaped uuid hashed from the seed and the entity's name (`'placement', '2480', 17`). */
export function simUuid(seed: number, ...parts: readonly (string | number)[]): string {
  const h = createHash('sha256')
    .update(`ss12000:${seed}:${parts.join(':')}`)
    .digest('hex');
  const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}
