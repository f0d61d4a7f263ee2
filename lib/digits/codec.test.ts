import { describe, expect, it } from 'vitest';
import { decodePixels, ENCODED_PIXELS_LENGTH, encodePixels, PixelCodecError } from './codec';
import { INPUT_PIXELS } from './constants';

const sample = Uint8Array.from({ length: INPUT_PIXELS }, (_, i) => (i * 37) % 256);

describe('pixel codec', () => {
  it('round-trips every byte value', () => {
    const encoded = encodePixels(sample);
    expect(encoded).toHaveLength(ENCODED_PIXELS_LENGTH);
    expect(ENCODED_PIXELS_LENGTH).toBe(1048);
    expect(decodePixels(encoded)).toEqual(sample);
  });

  it('produces standard base64 (Node Buffer agrees)', () => {
    expect(encodePixels(sample)).toBe(Buffer.from(sample).toString('base64'));
  });

  it('refuses to encode an input that is not 784 bytes', () => {
    expect(() => encodePixels(new Uint8Array(783))).toThrow(PixelCodecError);
  });

  it('says how many bytes it found when the length is wrong', () => {
    const short = Buffer.from(new Uint8Array(100)).toString('base64');
    expect(() => decodePixels(short)).toThrow('Pixel data holds 100 bytes; a 28×28 input needs exactly 784.');
    expect(() => decodePixels('')).toThrow(/holds 0 bytes/);
  });

  it.each([
    ['characters outside the alphabet', encodePixels(sample).replace(/^./, '*')],
    ['URL-safe characters', encodePixels(sample).replace(/[+/]/g, '-')],
    ['missing padding', 'AAA'],
    ['embedded whitespace', `${encodePixels(sample).slice(0, 8)} ${encodePixels(sample).slice(8)}`],
    ['padding in the middle', `AA==${encodePixels(sample)}`],
  ])('rejects %s as malformed', (_case, text) => {
    expect(() => decodePixels(text)).toThrow('Pixel data is not valid base64.');
  });

  it('rejects a value that is not a string', () => {
    expect(() => decodePixels(42 as unknown as string)).toThrow(PixelCodecError);
  });
});
