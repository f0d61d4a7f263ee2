import { describe, expect, it } from 'vitest';
import {
  checkImageFile,
  decodeSize,
  detectImageKind,
  IMAGE_KINDS,
  IMAGE_MIME_TYPES,
  MAGIC_BYTES_LENGTH,
  MAX_DECODE_SIDE,
  MAX_IMAGE_PIXELS,
  MAX_UPLOAD_BYTES,
  readDeclaredSize,
  UNSUPPORTED_IMAGE_MESSAGE,
} from './image-file';

const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const be32 = (n: number) => le32(n).reverse();
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

describe('readDeclaredSize', () => {
  const png = (w: number, h: number) => bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], be32(13), 'IHDR', be32(w), be32(h));

  it.each([
    ['png', png(640, 480), { width: 640, height: 480 }],
    ['gif', bytes('GIF89a', le16(320), le16(200)), { width: 320, height: 200 }],
    ['bmp', bytes('BM', le32(0), le32(0), le32(54), le32(40), le32(300), le32(-150)), { width: 300, height: 150 }],
    ['bmp', bytes('BM', le32(0), le32(0), le32(26), le32(12), le16(64), le16(32)), { width: 64, height: 32 }],
    ['webp', bytes('RIFF', le32(0), 'WEBP', 'VP8X', le32(10), le32(0), le24(1023), le24(767)), { width: 1024, height: 768 }],
    ['webp', bytes('RIFF', le32(0), 'WEBP', 'VP8L', le32(0), [0x2f], le32(99 | (49 << 14))), { width: 100, height: 50 }],
    [
      'webp',
      bytes('RIFF', le32(0), 'WEBP', 'VP8 ', le32(0), [0, 0, 0, 0x9d, 0x01, 0x2a], le16(800), le16(600)),
      { width: 800, height: 600 },
    ],
  ] as const)('reads the %s header', (kind, head, size) => {
    expect(detectImageKind(padded(head))).toBe(kind);
    expect(readDeclaredSize(kind, padded(head))).toEqual(size);
  });

  it('does not guess for JPEG or a cut-off header', () => {
    expect(readDeclaredSize('jpeg', padded(HEADS.jpeg))).toBeNull();
    expect(readDeclaredSize('png', png(10, 10).subarray(0, 20))).toBeNull();
  });

  it('rejects an image that declares more than MAX_IMAGE_PIXELS', () => {
    expect(checkImageFile({ size: 50_000, head: padded(png(30_000, 30_000)) })).toEqual({
      ok: false,
      message: `This image is 30000 × 30000 pixels; the limit is ${MAX_IMAGE_PIXELS / 1e6} megapixels.`,
    });
    expect(checkImageFile({ size: 50_000, head: padded(png(8000, 6000)) })).toEqual({ ok: true, kind: 'png' });
  });
});
