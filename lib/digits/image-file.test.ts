import { describe, expect, it } from 'vitest';
import {
  checkImageFile,
  decodeSize,
  detectImageKind,
  IMAGE_KINDS,
  IMAGE_MIME_TYPES,
  MAGIC_BYTES_LENGTH,
  MAX_DECODE_SIDE,
  MAX_UPLOAD_BYTES,
  UNSUPPORTED_IMAGE_MESSAGE,
} from './image-file';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
const padded = (head: Uint8Array) => {
  const out = new Uint8Array(MAGIC_BYTES_LENGTH);
  out.set(head.subarray(0, MAGIC_BYTES_LENGTH));
  return out;
};

const HEADS = {
  png: bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR'),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0], [0, 16], 'JFIF'),
  webp: bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  gif: bytes('GIF89a', [1, 0, 1, 0]),
  bmp: bytes('BM', [0x46, 0, 0, 0], [0, 0, 0, 0], [0x36, 0, 0, 0], [40, 0, 0, 0]),
} as const;

describe('detectImageKind', () => {
  it.each(IMAGE_KINDS)('recognises %s by its magic bytes', (kind) => {
    expect(detectImageKind(padded(HEADS[kind]))).toBe(kind);
  });

  it('accepts GIF87a as well as GIF89a', () => {
    expect(detectImageKind(padded(bytes('GIF87a')))).toBe('gif');
  });

  it.each([
    ['plain text that starts with "BM"', bytes('BM is a text file, not a bitmap')],
    ['a RIFF that is not WebP (WAV)', padded(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['PDF', bytes('%PDF-1.7')],
    ['a truncated PNG signature', bytes([0x89], 'PNG')],
    ['nothing', new Uint8Array(0)],
  ])('rejects %s', (_name, head) => {
    expect(detectImageKind(head)).toBeNull();
  });
});

describe('checkImageFile', () => {
  it('accepts a supported image within the limit, whatever it is called', () => {
    expect(checkImageFile({ size: 1234, head: padded(HEADS.png) })).toEqual({ ok: true, kind: 'png' });
    expect(checkImageFile({ size: MAX_UPLOAD_BYTES, head: padded(HEADS.jpeg) })).toEqual({ ok: true, kind: 'jpeg' });
  });

  it('states the size and the limit for a file that is too large', () => {
    const size = Math.round(12.3 * 1024 * 1024);
    expect(checkImageFile({ size, head: padded(HEADS.png) })).toEqual({
      ok: false,
      message: 'This file is 12.3 MB; the limit is 10 MB.',
    });
  });

  it('never rounds a file just over the limit down to the limit', () => {
    const result = checkImageFile({ size: MAX_UPLOAD_BYTES + 1, head: padded(HEADS.png) });
    expect(result).toEqual({ ok: false, message: 'This file is 10.01 MB; the limit is 10 MB.' });
  });

  it('rejects an empty file', () => {
    expect(checkImageFile({ size: 0, head: new Uint8Array(0) })).toEqual({ ok: false, message: 'This file is empty.' });
  });

  it('rejects a non-image with the list of supported formats', () => {
    expect(checkImageFile({ size: 10, head: bytes('hello, png') })).toEqual({
      ok: false,
      message: UNSUPPORTED_IMAGE_MESSAGE,
    });
    expect(UNSUPPORTED_IMAGE_MESSAGE).toBe('This file is not a supported image (PNG, JPEG, WebP, GIF or BMP).');
  });

  it('explains that HEIC phone photos need converting', () => {
    const heic = padded(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'));
    const result = checkImageFile({ size: 2_000_000, head: heic });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/HEIC.*JPEG or PNG/);
  });

  it('maps every kind to an image MIME type', () => {
    for (const kind of IMAGE_KINDS) expect(IMAGE_MIME_TYPES[kind]).toMatch(/^image\//);
  });
});

describe('decodeSize', () => {
  it('keeps an image that already fits', () => {
    expect(decodeSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(decodeSize(MAX_DECODE_SIDE, 10)).toEqual({ width: MAX_DECODE_SIDE, height: 10 });
  });

  it('scales the longest side down to the limit, keeping the aspect ratio', () => {
    expect(decodeSize(4032, 3024)).toEqual({ width: 1024, height: 768 });
    expect(decodeSize(3000, 6000, 500)).toEqual({ width: 250, height: 500 });
  });

  it('never returns a zero-pixel side for extreme aspect ratios', () => {
    expect(decodeSize(100_000, 10)).toEqual({ width: 1024, height: 1 });
  });
});
