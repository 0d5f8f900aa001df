import { v5 as uuidv5, validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { caseId, caseIdKeyFingerprint, createCaseIdMinter, isUuid } from './case-id.js';

const KEY = 'case-id-test-key-0123456789abcdef01234';
const OTHER_KEY = 'case-id-test-key-another-one-0123456789';
const CASE = { municipalityCode: '2480', sourceSystem: 'byggr', sourceId: 'BN-2026-123' };
/** The namespace of the unkeyed UUIDv5 ids the hub minted before keyed ids. */
const OLD_NAMESPACE = 'f3b9c0de-5a1e-4c6e-9a57-2d7f0e8a4b61';

describe('keyed case ids', () => {
  it('are RFC 9562 UUIDv8 (version 8, variant 10)', () => {
    const id = caseId(CASE, KEY);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(8);
    expect(id[19]).toMatch(/[89ab]/);
    expect(isUuid(id)).toBe(true);
  });

  it('are stable for the same key and input, and differ by input', () => {
    expect(caseId(CASE, KEY)).toBe(caseId({ ...CASE }, KEY));
    expect(createCaseIdMinter(KEY).mint(CASE)).toBe(caseId(CASE, KEY));
    expect(caseId({ ...CASE, sourceId: 'BN-2026-124' }, KEY)).not.toBe(caseId(CASE, KEY));
    expect(caseId({ ...CASE, municipalityCode: '2460' }, KEY)).not.toBe(caseId(CASE, KEY));
  });

  it('differ under another key, so nobody without the key can compute them', () => {
    expect(caseId(CASE, OTHER_KEY)).not.toBe(caseId(CASE, KEY));
  });

  it('are not the old UUIDv5 of the public inputs', () => {
    const old = uuidv5(`${CASE.municipalityCode}/${CASE.sourceSystem}/${CASE.sourceId}`, OLD_NAMESPACE);
    expect(caseId(CASE, KEY)).not.toBe(old);
  });

  it('refuse a short key', () => {
    expect(() => caseId(CASE, 'too-short')).toThrow(/at least 32 bytes/);
    expect(() => createCaseIdMinter('too-short')).toThrow(/at least 32 bytes/);
  });

  it('name their key by a fingerprint that tells keys apart and does not contain the key', () => {
    const fingerprint = caseIdKeyFingerprint(KEY);
    expect(fingerprint).toMatch(/^cik1_[\w-]{43}$/);
    expect(createCaseIdMinter(KEY).fingerprint).toBe(fingerprint);
    expect(caseIdKeyFingerprint(OTHER_KEY)).not.toBe(fingerprint);
    expect(fingerprint).not.toContain(KEY);
  });
});
