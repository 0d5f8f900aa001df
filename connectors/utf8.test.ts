import { describe, expect, it } from 'vitest';
import { createUtf8Stream, decodeUtf8, firstInvalidUtf8, InvalidUtf8 } from './utf8.js';

const text = 'Ärende för Åsa Öberg — مرحبا 🏠 end';
const bytes = Buffer.from(text, 'utf8');

function offsetOf(run: () => unknown): number {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidUtf8) return error.offset;
    throw error;
  }
  throw new Error('no InvalidUtf8 thrown');
}

function streamed(input: Uint8Array, size: number): string {
  const utf8 = createUtf8Stream();
  let out = '';
  for (let i = 0; i < input.length; i += size) out += utf8.write(input.subarray(i, i + size));
  return out + utf8.end();
}

describe('strict UTF-8', () => {
  it('decodes valid text whole and in chunks of every size, sequences cut at any boundary', () => {
    expect(decodeUtf8(bytes)).toBe(text);
    for (let size = 1; size <= 8; size++) expect(streamed(bytes, size)).toBe(text);
  });

  it.each([
    ['a lone continuation byte', [0x41, 0x80, 0x41], 1],
    ['an overlong form', [0x41, 0x42, 0xc0, 0xaf], 2],
    ['a surrogate', [0x41, 0xed, 0xa0, 0x80], 1],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a lead byte followed by ASCII', [0x41, 0x41, 0xc3, 0x28], 2],
  ])('refuses %s at its offset, never as U+FFFD', (_name, raw, at) => {
    const input = Buffer.concat([bytes, Buffer.from(raw)]);
    expect(firstInvalidUtf8(input)).toBe(bytes.length + at);
    expect(offsetOf(() => decodeUtf8(input))).toBe(bytes.length + at);
    for (let size = 1; size <= 5; size++)
      expect(offsetOf(() => streamed(input, size))).toBe(bytes.length + at);
  });

  it('refuses a sequence cut off by the end of the input at its first byte', () => {
    const input = Buffer.concat([bytes, Buffer.from([0xf0, 0x9f, 0x8f])]);
    expect(offsetOf(() => decodeUtf8(input))).toBe(bytes.length);
    for (let size = 1; size <= 5; size++) expect(offsetOf(() => streamed(input, size))).toBe(bytes.length);
  });
});
