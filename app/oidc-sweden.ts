/**
 * The Swedish e-ID vocabulary the hub understands: the OIDC Sweden identity-number claims and the
 * Sweden Connect assurance levels (`acr`), ranked so that a minimum can be enforced.
 */

/** OIDC Sweden Claims and Scopes 1.0: the JSON key is the whole URI. The two are mutually exclusive. */
export const PERSONAL_IDENTITY_NUMBER_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';
export const COORDINATION_NUMBER_CLAIM = 'https://id.oidc.se/claim/coordinationNumber';

/** Sweden Connect's LoA3 (tillitsnivå 3), in practice the residents' e-IDs' level; the default minimum for citizens. */
export const LOA3 = 'http://id.elegnamnden.se/loa/1.0/loa3';

type Assurance = { level: 1 | 2 | 3 | 4; certified: boolean };

const SC = 'http://id.elegnamnden.se/loa/1.0/';
const SC_NEW = 'http://id.swedenconnect.se/loa/1.0/';

/**
 * Sweden Connect authentication context URIs (Registry for Identifiers v1.8 §3.1.1), lowest level
 * first. eIDAS low, substantial and high count as Swedish levels 2, 3 and 4, as the Swedish trust
 * framework equates them. Self-declared (uncertified) providers meet only an uncertified minimum.
 */
const LEVELS: ReadonlyArray<readonly [string, Assurance]> = [
  [`${SC}loa1`, { level: 1, certified: true }],
  [`${SC}loa2`, { level: 2, certified: true }],
  [`${SC_NEW}loa2-nonresident`, { level: 2, certified: true }],
  [`${SC}eidas-low`, { level: 2, certified: true }],
  [`${SC}eidas-nf-low`, { level: 2, certified: true }],
  [`${SC_NEW}uncertified-loa2`, { level: 2, certified: false }],
  [`${SC_NEW}uncertified-eidas-low`, { level: 2, certified: false }],
  [`${SC}loa3`, { level: 3, certified: true }],
  [`${SC_NEW}loa3-nonresident`, { level: 3, certified: true }],
  [`${SC}eidas-sub`, { level: 3, certified: true }],
  [`${SC}eidas-nf-sub`, { level: 3, certified: true }],
  [`${SC_NEW}uncertified-loa3`, { level: 3, certified: false }],
  [`${SC_NEW}uncertified-eidas-sub`, { level: 3, certified: false }],
  [`${SC}loa4`, { level: 4, certified: true }],
  [`${SC_NEW}loa4-nonresident`, { level: 4, certified: true }],
  [`${SC}eidas-high`, { level: 4, certified: true }],
  [`${SC}eidas-nf-high`, { level: 4, certified: true }],
  [`${SC_NEW}uncertified-eidas-high`, { level: 4, certified: false }],
];
const ASSURANCE: ReadonlyMap<string, Assurance> = new Map(LEVELS);

/** Every `acr` value the hub can rank; a minimum must be one of them. */
export const KNOWN_ACRS: readonly string[] = LEVELS.map(([uri]) => uri);

/**
 * The `acr` values that meet `minimum`, lowest first: what the pages' sign-in asks for in
 * `acr_values`, so the provider need not demand a stronger e-ID than the hub needs.
 *
 * @example
 * acceptedAcrs(LOA3); // [LOA3, '…/loa3-nonresident', '…/eidas-sub', …, '…/loa4', …]
 */
export function acceptedAcrs(minimum: string): string[] {
  const floor = ASSURANCE.get(minimum);
  if (!floor) throw new Error(`unknown assurance level ${minimum}`);
  return LEVELS.filter(([, a]) => a.level >= floor.level && (a.certified || !floor.certified)).map(
    ([uri]) => uri,
  );
}

/** Whether a token's `acr` claim meets `minimum`; an absent or unknown `acr` never does. */
export function meetsMinimum(acr: unknown, minimum: string): boolean {
  return typeof acr === 'string' && acceptedAcrs(minimum).includes(acr);
}

/** The `acr` as it may be logged: a known URI as is, anything else only by its kind (never free text). */
export function describeAcr(acr: unknown): string {
  if (acr === undefined) return 'absent';
  return typeof acr === 'string' && ASSURANCE.has(acr) ? acr : 'unrecognised';
}
