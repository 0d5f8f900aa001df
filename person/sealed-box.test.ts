import { describe, expect, it } from 'vitest';
import { createSealedBox } from './sealed-box.js';

const KEY = 'k'.repeat(40);
/** What opening throws: the reason a quarantined record cannot be read must be an authentication error. */
function refusal(open: () => unknown): unknown {
  try {
    open();
  } catch (error) {
    return error;
  }
  return undefined;
}

const AUTHENTICATION_FAILED = expect.objectContaining({
  message: expect.stringMatching(/unable to authenticate/),
});
const RECORD = { dnr: 'BN 2026-1', sökande: '19900321-2389', belopp: 1200, bilagor: [null, true] };

describe('sealed boxes (quarantined records kept encrypted)', () => {
  it('give back the record as it was, and never hold it in clear', () => {
    const box = createSealedBox(KEY, 'quarantine');
    const sealed = box.seal(RECORD);
    expect(sealed.includes(Buffer.from('19900321-2389'))).toBe(false);
    expect(sealed.includes(Buffer.from('BN 2026-1'))).toBe(false);
    expect(box.open(sealed)).toEqual(RECORD);
  });

  it('do not show that two records are equal (each seal is different)', () => {
    const box = createSealedBox(KEY, 'quarantine');
    expect(box.seal(RECORD).equals(box.seal(RECORD))).toBe(false);
  });

  it('refuse to open with another key or for another purpose', () => {
    const sealed = createSealedBox(KEY, 'quarantine').seal(RECORD);
    expect(refusal(() => createSealedBox('x'.repeat(40), 'quarantine').open(sealed))).toEqual(
      AUTHENTICATION_FAILED,
    );
    expect(refusal(() => createSealedBox(KEY, 'export file').open(sealed))).toEqual(AUTHENTICATION_FAILED);
  });

  it('refuse a box altered anywhere (nonce, tag or content) or cut off', () => {
    const box = createSealedBox(KEY, 'quarantine');
    const sealed = box.seal(RECORD);
    for (const at of [0, 11, 12, 27, 28, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[at] = (altered[at] ?? 0) ^ 1;
      expect(
        refusal(() => box.open(altered)),
        `byte ${at}`,
      ).toEqual(AUTHENTICATION_FAILED);
    }
    expect(refusal(() => box.open(sealed.subarray(0, sealed.length - 1)))).toEqual(AUTHENTICATION_FAILED);
  });

  it('during a key rotation, open boxes sealed under the previous key and seal new ones under the current', () => {
    const old = createSealedBox(KEY, 'quarantine');
    const rotating = createSealedBox('n'.repeat(40), 'quarantine', [KEY]);
    expect(rotating.open(old.seal(RECORD))).toEqual(RECORD);
    const sealedDuringRotation = rotating.seal(RECORD);
    expect(rotating.open(sealedDuringRotation)).toEqual(RECORD);
    // Once the rotation is over, what was sealed during it opens with the new key alone.
    expect(createSealedBox('n'.repeat(40), 'quarantine').open(sealedDuringRotation)).toEqual(RECORD);
    expect(refusal(() => old.open(sealedDuringRotation))).toEqual(AUTHENTICATION_FAILED);
  });
});
