import { randomBytes } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSealer } from './sealed-file.js';

const KEY = 'k'.repeat(40);
const CHUNK = 64 * 1024 + 16;
const HEADER = 24;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arendenav-sealed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function opened(sealer: ReturnType<typeof createFileSealer>, file: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of sealer.open(file)) parts.push(chunk);
  return Buffer.concat(parts);
}

/** The files under `under` this process holds open (Linux: the links in /proc/self/fd). */
function openFilesUnder(under: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(join('/proc/self/fd', fd));
      return target.startsWith(under) ? [target] : [];
    } catch {
      return []; // closed while listing (the descriptor of the listing itself)
    }
  });
}

describe('sealed files', () => {
  it.each([
    ['empty', 0],
    ['smaller than a chunk', 1000],
    ['exactly one chunk', 64 * 1024],
    ['several chunks and a tail', 3 * 64 * 1024 + 17],
  ])('round-trips a file %s, written only in ciphertext and with mode 0600', async (_what, size) => {
    const clear = Buffer.concat([
      Buffer.from('<Personnummer>19121212-1212</Personnummer>'),
      randomBytes(size),
    ]);
    writeFileSync(join(dir, 'export.xml'), clear);
    const sealer = createFileSealer(KEY, 'export file');
    await sealer.seal(join(dir, 'export.xml'), join(dir, 'export.xml.sealed'));
    const sealed = readFileSync(join(dir, 'export.xml.sealed'));
    expect(sealed.includes(Buffer.from('19121212-1212'))).toBe(false);
    expect(statSync(join(dir, 'export.xml.sealed')).mode & 0o777).toBe(0o600);
    expect((await opened(sealer, join(dir, 'export.xml.sealed'))).equals(clear)).toBe(true);
    // Only the original and the sealed file: no temporary file left beside them.
    expect(readdirSync(dir).sort()).toEqual(['export.xml', 'export.xml.sealed']);
  });

  it('does not open with another key or purpose, and opens with a previous key during a rotation', async () => {
    writeFileSync(join(dir, 'a.xml'), 'hemligt');
    await createFileSealer(KEY, 'export file').seal(join(dir, 'a.xml'), join(dir, 'a.sealed'));
    await expect(
      opened(createFileSealer('x'.repeat(40), 'export file'), join(dir, 'a.sealed')),
    ).rejects.toThrow(/does not open with this key/);
    writeFileSync(join(dir, 'long.xml'), randomBytes(CHUNK + 10));
    await createFileSealer(KEY, 'export file').seal(join(dir, 'long.xml'), join(dir, 'long.sealed'));
    // A whole first chunk that does not open can only be a wrong key, and the reason says only that.
    await expect(
      opened(createFileSealer('x'.repeat(40), 'export file'), join(dir, 'long.sealed')),
    ).rejects.toThrow(/does not open with this key$/);
    await expect(opened(createFileSealer(KEY, 'quarantine'), join(dir, 'a.sealed'))).rejects.toThrow(
      /does not open/,
    );
    const rotated = createFileSealer('n'.repeat(40), 'export file', [KEY]);
    expect((await opened(rotated, join(dir, 'a.sealed'))).toString()).toBe('hemligt');
    // Files sealed during the rotation (under the new key) open too, also once it is over.
    await rotated.seal(join(dir, 'a.xml'), join(dir, 'b.sealed'));
    expect((await opened(rotated, join(dir, 'b.sealed'))).toString()).toBe('hemligt');
    const after = createFileSealer('n'.repeat(40), 'export file');
    expect((await opened(after, join(dir, 'b.sealed'))).toString()).toBe('hemligt');
  });

  it('round-trips an empty file (an export with nothing in it is kept like any other)', async () => {
    writeFileSync(join(dir, 'empty.xml'), '');
    const sealer = createFileSealer(KEY, 'export file');
    await sealer.seal(join(dir, 'empty.xml'), join(dir, 'empty.sealed'));
    expect((await opened(sealer, join(dir, 'empty.sealed'))).length).toBe(0);
  });

  it('opens a file sealed by an earlier release (format 1): kept files stay readable after an upgrade', async () => {
    const sealedByRelease1 =
      'QVJOVlNGMQpIOGFkke1Hm6gVHslBJQFTwGa22LhxVfJ0RGfTMwi+X344V6mtbsWngY2BlF/FiA9C77CJFVI=';
    writeFileSync(join(dir, 'kept.sealed'), Buffer.from(sealedByRelease1, 'base64'));
    const content = await opened(createFileSealer(KEY, 'export file'), join(dir, 'kept.sealed'));
    expect(content.toString()).toBe('<Export version="1"/>\n');
  });

  it('refuses a file whose chunks were put in another order', async () => {
    writeFileSync(join(dir, 'big.xml'), randomBytes(3 * 64 * 1024 + 5));
    const sealer = createFileSealer(KEY, 'export file');
    await sealer.seal(join(dir, 'big.xml'), join(dir, 'big.sealed'));
    const sealed = readFileSync(join(dir, 'big.sealed'));
    const chunk = (i: number) => sealed.subarray(HEADER + i * CHUNK, HEADER + (i + 1) * CHUNK);
    const swapped = Buffer.concat([
      sealed.subarray(0, HEADER),
      chunk(0),
      chunk(2),
      chunk(1),
      sealed.subarray(HEADER + 3 * CHUNK),
    ]);
    writeFileSync(join(dir, 'swapped.sealed'), swapped);
    await expect(opened(sealer, join(dir, 'swapped.sealed'))).rejects.toThrow(/altered or cut off/);
  });

  it('refuses a file cut off anywhere with a reason that says so', async () => {
    writeFileSync(join(dir, 'big.xml'), randomBytes(64 * 1024 + 5000));
    const sealer = createFileSealer(KEY, 'export file');
    await sealer.seal(join(dir, 'big.xml'), join(dir, 'big.sealed'));
    const sealed = readFileSync(join(dir, 'big.sealed'));
    for (const [length, reason] of [
      [5, /not a sealed file/],
      [HEADER - 4, /not a sealed file/],
      [HEADER, /the sealed file is cut off/],
      [HEADER + 10, /the sealed file is cut off/],
      [HEADER + 1000, /does not open with this key, or it was cut off/],
      [HEADER + CHUNK + 10, /the sealed file is cut off/],
      [HEADER + CHUNK + 1000, /altered or cut off/],
      [sealed.length - 1, /altered or cut off/],
    ] as const) {
      writeFileSync(join(dir, 'cut.sealed'), sealed.subarray(0, length));
      await expect(opened(sealer, join(dir, 'cut.sealed')), `cut at ${length}`).rejects.toThrow(reason);
    }
  });

  it('refuses a clear export file as not sealed, rather than as sealed under another key', async () => {
    writeFileSync(join(dir, 'export.xml.sealed'), `<Export>${'<Case/>'.repeat(50)}</Export>`);
    await expect(
      opened(createFileSealer(KEY, 'export file'), join(dir, 'export.xml.sealed')),
    ).rejects.toThrow(/not a sealed file/);
  });

  it('leaves nothing behind when sealing fails', async () => {
    const sealer = createFileSealer(KEY, 'export file');
    await expect(sealer.seal(join(dir, 'gone.xml'), join(dir, 'gone.xml.sealed'))).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
    expect(openFilesUnder(dir)).toEqual([]);
  });

  it('closes the file again whether it was read to the end, refused or left half read', async () => {
    writeFileSync(join(dir, 'big.xml'), randomBytes(2 * 64 * 1024 + 5));
    const sealer = createFileSealer(KEY, 'export file');
    await sealer.seal(join(dir, 'big.xml'), join(dir, 'big.sealed'));
    await opened(sealer, join(dir, 'big.sealed'));
    await expect(
      opened(createFileSealer('x'.repeat(40), 'export file'), join(dir, 'big.sealed')),
    ).rejects.toThrow();
    for await (const _chunk of sealer.open(join(dir, 'big.sealed'))) break;
    expect(openFilesUnder(dir)).toEqual([]);
  });

  it('refuses a file cut off at a chunk boundary or altered in the middle', async () => {
    writeFileSync(join(dir, 'big.xml'), randomBytes(2 * 64 * 1024 + 5));
    const sealer = createFileSealer(KEY, 'export file');
    await sealer.seal(join(dir, 'big.xml'), join(dir, 'big.sealed'));
    const cut = join(dir, 'cut.sealed');
    writeFileSync(cut, readFileSync(join(dir, 'big.sealed')));
    // Header (24) + two full chunks: a reader must not take the second chunk for the last.
    truncateSync(cut, 24 + 2 * (64 * 1024 + 16));
    await expect(opened(sealer, cut)).rejects.toThrow(/altered or cut off/);
    const altered = readFileSync(join(dir, 'big.sealed'));
    altered[24 + 64 * 1024 + 100] = (altered[24 + 64 * 1024 + 100] ?? 0) ^ 1;
    writeFileSync(join(dir, 'altered.sealed'), altered);
    await expect(opened(sealer, join(dir, 'altered.sealed'))).rejects.toThrow(/altered or cut off/);
    writeFileSync(join(dir, 'clear.xml.sealed'), '<Export/>');
    await expect(opened(sealer, join(dir, 'clear.xml.sealed'))).rejects.toThrow(/not a sealed file/);
  });
});
