import { randomBytes } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
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
    await expect(opened(createFileSealer(KEY, 'quarantine'), join(dir, 'a.sealed'))).rejects.toThrow(
      /does not open/,
    );
    const rotated = createFileSealer('n'.repeat(40), 'export file', [KEY]);
    expect((await opened(rotated, join(dir, 'a.sealed'))).toString()).toBe('hemligt');
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
