/**
 * Strict UTF-8 decoding for connectors: bytes that are not UTF-8 are the source's bad data, reported
 * with their byte offset, and never turned into U+FFFD replacement characters that would be stored.
 */

/** Thrown when the input is not UTF-8; `offset` is the first byte of the bad sequence (0-based). */
export class InvalidUtf8 extends Error {
  constructor(readonly offset: number) {
    super(`not valid UTF-8 at byte ${offset}`);
    this.name = 'InvalidUtf8';
  }
}

/**
 * The offset of the first byte that starts an invalid or (at the end) incomplete UTF-8 sequence, or
 * -1 when `bytes` is valid. Follows RFC 3629 as the WHATWG decoder does: no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The bytes at the end of `bytes` that begin a sequence not yet complete (to be finished by the next chunk). */
function incompleteTail(bytes: Uint8Array): Uint8Array {
  for (let j = bytes.length - 1; j >= Math.max(0, bytes.length - 3); j--) {
    const b = bytes[j] as number;
    if (b < 0x80) break;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
      return bytes.length - j <= need ? bytes.slice(j) : new Uint8Array(0);
    }
  }
  return new Uint8Array(0);
}

/** Decodes a whole body (an AMQP message); throws `InvalidUtf8` with the offset instead of replacing. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidUtf8(Math.max(0, firstInvalidUtf8(bytes)));
  }
}

/**
 * A streaming decoder for a file read in chunks: a sequence cut by a chunk boundary is finished by the
 * next chunk; a bad byte throws `InvalidUtf8` with its offset in the whole stream.
 *
 * @example
 * const utf8 = createUtf8Stream();
 * for await (const chunk of stream) text += utf8.write(chunk);
 * utf8.end();
 */
export function createUtf8Stream() {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let before = 0;
  let tail: Uint8Array = new Uint8Array(0);
  return {
    write(chunk: Uint8Array): string {
      const joined = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new InvalidUtf8(before - tail.length + Math.max(0, firstInvalidUtf8(joined)));
      }
      before += chunk.length;
      tail = incompleteTail(joined);
      return text;
    },
    /** The stream ended: a sequence left incomplete is an error at its first byte. */
    end(): string {
      try {
        return decoder.decode();
      } catch {
        throw new InvalidUtf8(before - tail.length);
      }
    },
  };
}
