/** Keyed, one-way references to people and organisations: the hub stores HMACs of their numbers, never the numbers. */
import { createHash, type Hash } from 'node:crypto';
import type { Organisationsnummer } from './organisationsnummer.js';
import { type Personnummer, parsePersonnummer } from './personnummer.js';

const PREFIX = 'pr1_';
const ORG_PREFIX = 'or1_';
/** Hashed with the organisation number so no organisation reference can ever equal a person's. */
const ORG_DOMAIN = 'org:';

export type PersonRefHasher = {
  /** Reference for an already-parsed number, under the current key (what is stored from now on). */
  fromParsed(p: Personnummer): string;
  /** Parses and references `input`; `undefined` when it is not a valid personnummer. */
  fromInput(input: string): string | undefined;
  /**
   * Every reference the person may be stored under: the current key's first, then one per previous
   * key while a key rotation is under way (cases not yet re-read from their source keep the old one).
   */
  allFromParsed(p: Personnummer): string[];
  allFromInput(input: string): string[] | undefined;
  /** Reference `or1_…` for an organisation, under the current key; the same key keeps one secret to manage. */
  fromOrganisation(o: Organisationsnummer): string;
  /** Every reference the organisation may be stored under: the current key's first, then the previous keys'. */
  allFromOrganisation(o: Organisationsnummer): string[];
};

/** SHA-256 reads its input in blocks of 64 bytes: an HMAC key is padded (or first hashed) to one block. */
const BLOCK = 64;

/**
 * HMAC-SHA256 (RFC 2104) under one key, with the key's two padded blocks hashed once: each reference
 * copies those states instead of setting up a new HMAC from the raw key. createHmac does that setup
 * on every call, and a search by personnummer makes a reference under every key on each request.
 * The same bytes as createHmac('sha256', key), held equal in person-ref.test.ts.
 */
type Keyed = (text: string) => string;

function keyed(key: string | Buffer): Keyed {
  if (key.length < 32) throw new Error('person reference key must be at least 32 bytes');
  const raw = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  const block = Buffer.alloc(BLOCK);
  (raw.length > BLOCK ? createHash('sha256').update(raw).digest() : raw).copy(block);
  const padded = (pad: number): Hash => {
    const xored = block.map((b) => b ^ pad);
    const state = createHash('sha256').update(xored);
    xored.fill(0);
    return state;
  };
  const inner = padded(0x36);
  const outer = padded(0x5c);
  // Only the hash states keep the key from here on.
  block.fill(0);
  return (text) => outer.copy().update(inner.copy().update(text, 'utf8').digest()).digest('base64url');
}

/**
 * Builds the hasher from the configured secret key (PERSON_REF_KEY) and, during a rotation, the
 * keys it replaces (PERSON_REF_KEY_PREVIOUS).
 *
 * @example
 * const refs = createPersonRefHasher(env.PERSON_REF_KEY);
 * refs.fromInput('19121212-1212'); // 'pr1_…'
 */
export function createPersonRefHasher(
  key: string | Buffer,
  previousKeys: readonly (string | Buffer)[] = [],
): PersonRefHasher {
  const keys = [keyed(key), ...previousKeys.map(keyed)];
  const under = (k: Keyed, p: Personnummer) => PREFIX + k(p.normalized);
  const fromParsed = (p: Personnummer) => under(keys[0] as Keyed, p);
  const allFromParsed = (p: Personnummer) => keys.map((k) => under(k, p));
  const org = (k: Keyed, o: Organisationsnummer) => ORG_PREFIX + k(ORG_DOMAIN + o.normalized);
  return {
    fromParsed,
    allFromParsed,
    fromOrganisation: (o) => org(keys[0] as Keyed, o),
    allFromOrganisation: (o) => keys.map((k) => org(k, o)),
    fromInput(input) {
      const parsed = parsePersonnummer(input);
      return parsed.ok ? fromParsed(parsed.value) : undefined;
    },
    allFromInput(input) {
      const parsed = parsePersonnummer(input);
      return parsed.ok ? allFromParsed(parsed.value) : undefined;
    },
  };
}
