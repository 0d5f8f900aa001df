/** A sealed staff search handle: opens for its own person and browser within half an hour, and for nothing else. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { searchHandles } from './search-handle.js';

const REF = `pr1_${'H'.repeat(43)}`;
const handle = {
  kind: 'personRef' as const,
  query: { by: 'personRef' as const, value: [REF] },
  shown: '19900321-••••',
};

describe('search handles', () => {
  let now = new Date('2026-06-01T10:00:00Z');
  const handles = searchHandles(randomBytes(32), () => now);

  it('opens for the same binding, and keeps no number, only references', () => {
    const sealed = handles.seal(handle, 'agent\nbrowser-1');
    expect(handles.open(sealed, 'agent\nbrowser-1')).toEqual(handle);
    // Sealed, not signed: the references cannot be read off the page.
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('pr1_');
  });

  it('refuses another person or browser, another key, a changed handle and anything not ours', () => {
    const sealed = handles.seal(handle, 'agent\nbrowser-1');
    expect(handles.open(sealed, 'agent\nbrowser-2')).toBeUndefined();
    expect(handles.open(sealed, 'other\nbrowser-1')).toBeUndefined();
    expect(searchHandles(randomBytes(32), () => now).open(sealed, 'agent\nbrowser-1')).toBeUndefined();
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(handles.open(flipped.toString('base64url'), 'agent\nbrowser-1')).toBeUndefined();
    for (const junk of [undefined, 42, '', 'not base64!', 'A'.repeat(3000)])
      expect(handles.open(junk, 'agent\nbrowser-1')).toBeUndefined();
  });

  it('expires after half an hour', () => {
    const sealed = handles.seal(handle, 'b');
    now = new Date(now.getTime() + 29 * 60_000);
    expect(handles.open(sealed, 'b')).toEqual(handle);
    now = new Date(now.getTime() + 2 * 60_000);
    expect(handles.open(sealed, 'b')).toBeUndefined();
  });
});
