/** Keyed, one-way references to people and organisations: the hub stores HMACs of their numbers, never the numbers. */
import { createHmac } from 'node:crypto';
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

function checked(key: string | Buffer): string | Buffer {
  if (key.length < 32) throw new Error('person reference key must be at least 32 bytes');
  return key;
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
  const keys = [checked(key), ...previousKeys.map(checked)];
  const under = (k: string | Buffer, p: Personnummer) =>
    PREFIX + createHmac('sha256', k).update(p.normalized).digest('base64url');
  const fromParsed = (p: Personnummer) => under(keys[0] as string | Buffer, p);
  const allFromParsed = (p: Personnummer) => keys.map((k) => under(k, p));
  const org = (k: string | Buffer, o: Organisationsnummer) =>
    ORG_PREFIX +
    createHmac('sha256', k)
      .update(ORG_DOMAIN + o.normalized)
      .digest('base64url');
  return {
    fromParsed,
    allFromParsed,
    fromOrganisation: (o) => org(keys[0] as string | Buffer, o),
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
