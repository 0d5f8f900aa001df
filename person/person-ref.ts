/** Keyed, one-way references to people: the hub stores HMACs of personnummer, never the numbers. */
import { createHmac } from 'node:crypto';
import { type Personnummer, parsePersonnummer } from './personnummer.js';

/** Version prefix: a key rotation gets a new prefix so old and new references are never confused. */
const PREFIX = 'pr1_';

export type PersonRefHasher = {
  /** Reference for an already-parsed number. */
  fromParsed(p: Personnummer): string;
  /** Parses and references `input`; `undefined` when it is not a valid personnummer. */
  fromInput(input: string): string | undefined;
};

/**
 * Builds the hasher from the configured secret key (PERSON_REF_KEY).
 *
 * @example
 * const refs = createPersonRefHasher(env.PERSON_REF_KEY);
 * refs.fromInput('19121212-1212'); // 'pr1_…'
 */
export function createPersonRefHasher(key: string | Buffer): PersonRefHasher {
  if (key.length < 32) throw new Error('person reference key must be at least 32 bytes');
  const fromParsed = (p: Personnummer) =>
    PREFIX + createHmac('sha256', key).update(p.normalized).digest('base64url');
  return {
    fromParsed,
    fromInput(input) {
      const parsed = parsePersonnummer(input);
      return parsed.ok ? fromParsed(parsed.value) : undefined;
    },
  };
}
