/**
 * Case ids: the same source record always gets the same id (so re-syncs upsert), and nobody without
 * the hub's key can compute the id of a case from its public reference.
 */
import { createHmac } from 'node:crypto';

/** A UUID anywhere in a text (case and request ids); `isUuid` for a whole value. */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const WHOLE_UUID = new RegExp(`^${UUID_PATTERN}$`, 'i');

export function isUuid(text: string): boolean {
  return WHOLE_UUID.test(text);
}

/** What identifies a case in its source: the key material of its id (all three are public). */
export type CaseKey = { municipalityCode: string; sourceSystem: string; sourceId: string };

/** Mints case ids under one key; built once (composition root) and passed to whatever names cases. */
export type CaseIdMinter = {
  mint(key: CaseKey): string;
  /** Names the key without revealing it (an HMAC of a constant): stored to tell which key minted the ids. */
  readonly fingerprint: string;
};

// Domain separation: the same key could never give a case id that equals any other HMAC made with it.
const ID_CONTEXT = 'arendenav case id v1\0';
const FINGERPRINT_CONTEXT = 'arendenav case id key fingerprint v1';

function checked(secret: string | Buffer): string | Buffer {
  if (Buffer.byteLength(secret) < 32) throw new Error('the case id key must be at least 32 bytes');
  return secret;
}

/**
 * The case id for a source record under `secret` (CASE_ID_KEY): HMAC-SHA256 over the key material,
 * its first 128 bits formatted as an RFC 9562 UUIDv8 (version 8, variant 10).
 *
 * @example
 * caseId({ municipalityCode: '2480', sourceSystem: 'byggr', sourceId: 'BN-2026-123' }, env.CASE_ID_KEY);
 */
export function caseId(key: CaseKey, secret: string | Buffer): string {
  const mac = createHmac('sha256', checked(secret))
    .update(`${ID_CONTEXT}${key.municipalityCode}/${key.sourceSystem}/${key.sourceId}`)
    .digest();
  const b = mac.subarray(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x80;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The fingerprint of a case id key: `cik1_` + HMAC of a constant; equal fingerprints, equal keys. */
export function caseIdKeyFingerprint(secret: string | Buffer): string {
  return `cik1_${createHmac('sha256', checked(secret)).update(FINGERPRINT_CONTEXT).digest('base64url')}`;
}

/**
 * @example
 * const caseIds = createCaseIdMinter(env.CASE_ID_KEY);
 * caseIds.mint({ municipalityCode: '2480', sourceSystem: 'byggr', sourceId: 'BN-2026-123' });
 */
export function createCaseIdMinter(secret: string | Buffer): CaseIdMinter {
  const key = checked(secret);
  return { mint: (k) => caseId(k, key), fingerprint: caseIdKeyFingerprint(key) };
}
