/**
 * Sealed files: a file that must be kept for a while (a processed or refused export file) is
 * encrypted while it streams, chunk by chunk, so it is never written in clear and never held whole.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Format: MAGIC, a random salt, then chunks of AES-256-GCM ciphertext and tag. The key is derived
// per file (HKDF of the hub's secret, the salt and the purpose), and each chunk's nonce is its index
// plus a "last chunk" flag (the STREAM construction), so chunks cannot be reordered, dropped or cut off.
const MAGIC = Buffer.from('ARNVSF1\n', 'latin1');
const SALT_BYTES = 16;
const TAG_BYTES = 16;
const CHUNK_BYTES = 64 * 1024;
const HEADER_BYTES = MAGIC.length + SALT_BYTES;

export class SealedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedFileError';
  }
}

export type FileSealer = {
  /**
   * Encrypts `from` into `to` as it streams: the ciphertext goes to a hidden temporary file beside
   * `to` (mode 0600), is flushed to disk, and is renamed into place. `from` is left for the caller.
   */
  seal(from: string, to: string): Promise<void>;
  /** Yields the clear content of a sealed file, each chunk only after it was authenticated. */
  open(file: string): AsyncGenerator<Buffer>;
};

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(index, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/**
 * @example
 * const sealer = createFileSealer(env.PERSON_REF_KEY, 'export file');
 * await sealer.seal('inbox/export.xml', 'inbox/processed/export.xml.sealed');
 * for await (const chunk of sealer.open('inbox/processed/export.xml.sealed')) process.stdout.write(chunk);
 */
export function createFileSealer(
  secret: string | Buffer,
  purpose: string,
  previousSecrets: readonly (string | Buffer)[] = [],
): FileSealer {
  const info = `arendenav ${purpose} v1`;
  const derive = (s: string | Buffer, salt: Buffer) => Buffer.from(hkdfSync('sha256', s, salt, info, 32));

  return {
    async seal(from, to) {
      const temporary = join(dirname(to), `.${basename(to)}.${randomBytes(4).toString('hex')}.sealing`);
      const out = await open(temporary, 'wx', 0o600);
      try {
        const salt = randomBytes(SALT_BYTES);
        const key = derive(secret, salt);
        await out.write(Buffer.concat([MAGIC, salt]));
        let index = 0;
        let pending = Buffer.alloc(0);
        const writeChunk = async (plain: Buffer, last: boolean) => {
          const cipher = createCipheriv('aes-256-gcm', key, nonce(index++, last));
          await out.write(Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]));
        };
        for await (const data of createReadStream(from, { highWaterMark: CHUNK_BYTES })) {
          pending = Buffer.concat([pending, data as Buffer]);
          // Keep the last full chunk back: only at the end is it known to be the last one.
          while (pending.length > CHUNK_BYTES) {
            await writeChunk(pending.subarray(0, CHUNK_BYTES), false);
            pending = pending.subarray(CHUNK_BYTES);
          }
        }
        await writeChunk(pending, true);
        await out.sync();
        await out.close();
        await rename(temporary, to);
      } catch (error) {
        await out.close().catch(() => {});
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async *open(file) {
      const input = await open(file, 'r');
      try {
        const header = Buffer.alloc(HEADER_BYTES);
        const { bytesRead } = await input.read(header, 0, HEADER_BYTES, 0);
        if (bytesRead < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC))
          throw new SealedFileError('not a sealed file');
        const salt = header.subarray(MAGIC.length);
        const size = (await input.stat()).size;
        let position = HEADER_BYTES;
        const readChunk = async (): Promise<{ sealed: Buffer; last: boolean }> => {
          const length = Math.min(CHUNK_BYTES + TAG_BYTES, size - position);
          if (length < TAG_BYTES) throw new SealedFileError('the sealed file is cut off');
          const sealed = Buffer.alloc(length);
          await input.read(sealed, 0, length, position);
          position += length;
          return { sealed, last: position >= size };
        };
        const decrypt = (key: Buffer, index: number, chunk: { sealed: Buffer; last: boolean }) => {
          const decipher = createDecipheriv('aes-256-gcm', key, nonce(index, chunk.last));
          decipher.setAuthTag(chunk.sealed.subarray(chunk.sealed.length - TAG_BYTES));
          return Buffer.concat([
            decipher.update(chunk.sealed.subarray(0, chunk.sealed.length - TAG_BYTES)),
            decipher.final(),
          ]);
        };
        // During a key rotation, a file sealed under a previous secret still opens.
        const first = await readChunk();
        let opened: { key: Buffer; plain: Buffer } | undefined;
        for (const candidate of [secret, ...previousSecrets]) {
          const key = derive(candidate, salt);
          try {
            opened = { key, plain: decrypt(key, 0, first) };
            break;
          } catch {
            // Not this key: try the next one.
          }
        }
        // A first chunk shorter than a full one is either a short file or a longer one cut inside its
        // first chunk: the tag cannot tell those apart from a wrong key, so the reason names both.
        if (!opened)
          throw new SealedFileError(
            first.sealed.length < CHUNK_BYTES + TAG_BYTES
              ? 'the sealed file does not open with this key, or it was cut off'
              : 'the sealed file does not open with this key',
          );
        yield opened.plain;
        let last = first.last;
        for (let index = 1; !last; index++) {
          const chunk = await readChunk();
          last = chunk.last;
          let plain: Buffer;
          try {
            plain = decrypt(opened.key, index, chunk);
          } catch {
            throw new SealedFileError('the sealed file was altered or cut off');
          }
          yield plain;
        }
      } finally {
        await input.close();
      }
    },
  };
}
