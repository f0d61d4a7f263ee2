/** Largest upload accepted, in bytes (10 MB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** How many leading bytes `checkImageFile` needs to recognise every supported format. */
export const MAGIC_BYTES_LENGTH = 32;

/** Image formats every current browser can decode. */
export const IMAGE_KINDS = ['png', 'jpeg', 'webp', 'gif', 'bmp'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

/** MIME type of each supported format; joined, the `accept` attribute of the file input. */
export const IMAGE_MIME_TYPES: Record<ImageKind, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
};

/** Most pixels an upload may declare: a small file can hold a huge, memory-exhausting canvas. */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** Longest side an upload is decoded at: ample for a digit, and keeps preprocessing fast. */
export const MAX_DECODE_SIDE = 1024;

/** Shown when the browser cannot decode a file that passed `checkImageFile`. */
export const DECODE_FAILED_MESSAGE = 'This image could not be decoded; it may be corrupt.';

/** The verdict on an upload: its format, or a message fit to show the user. */
export type ImageFileCheck = { ok: true; kind: ImageKind } | { ok: false; message: string };

/** Shown for any file whose first bytes are not a supported image. */
export const UNSUPPORTED_IMAGE_MESSAGE = 'This file is not a supported image (PNG, JPEG, WebP, GIF or BMP).';

/**
 * Decide whether an uploaded file may be decoded: not empty, at most MAX_UPLOAD_BYTES, a
 * supported format judged by its first bytes (`head`, at least MAGIC_BYTES_LENGTH of them when the
 * file is that long) — never by its name or declared MIME type, which anyone can fake — and, where
 * the header tells, at most MAX_IMAGE_PIXELS.
 */
export function checkImageFile(file: { size: number; head: Uint8Array }): ImageFileCheck {
  if (file.size === 0) return { ok: false, message: 'This file is empty.' };
  if (file.size > MAX_UPLOAD_BYTES) {
    return {
      ok: false,
      message: `This file is ${formatMegabytes(file.size)} MB; the limit is ${formatMegabytes(MAX_UPLOAD_BYTES)} MB.`,
    };
  }
  const kind = detectImageKind(file.head);
  if (kind) {
    const size = readDeclaredSize(kind, file.head);
    if (size && size.width * size.height > MAX_IMAGE_PIXELS) {
      return {
        ok: false,
        message: `This image is ${size.width} × ${size.height} pixels; the limit is ${MAX_IMAGE_PIXELS / 1e6} megapixels.`,
      };
    }
    return { ok: true, kind };
  }
  if (isHeif(file.head)) {
    return { ok: false, message: 'HEIC/AVIF photos are not supported; please export the photo as JPEG or PNG.' };
  }
  return { ok: false, message: UNSUPPORTED_IMAGE_MESSAGE };
}

/**
 * Size to decode a width×height image at: unchanged when it fits within `maxSide`, otherwise
 * scaled down, aspect ratio kept, so the longest side is `maxSide` (never below 1 px).
 */
export function decodeSize(width: number, height: number, maxSide = MAX_DECODE_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Recognise a supported image format from its leading bytes, or null. */
export function detectImageKind(head: Uint8Array): ImageKind | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'webp';
  if (isBmp(head)) return 'bmp';
  return null;
}

/**
 * Width and height declared in the header's first MAGIC_BYTES_LENGTH bytes, or null when they
 * are not there (JPEG keeps them further in; truncated headers).
 */
export function readDeclaredSize(kind: ImageKind, head: Uint8Array): { width: number; height: number } | null {
  const bytes = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const fits = (end: number) => head.length >= end;
  switch (kind) {
    case 'png':
      return fits(24) ? { width: bytes.getUint32(16), height: bytes.getUint32(20) } : null;
    case 'gif':
      return fits(10) ? { width: bytes.getUint16(6, true), height: bytes.getUint16(8, true) } : null;
    case 'bmp':
      if (bytes.getUint32(14, true) === 12) {
        return fits(22) ? { width: bytes.getUint16(18, true), height: bytes.getUint16(20, true) } : null;
      }
      // Negative height means rows stored top-down.
      return fits(26) ? { width: Math.abs(bytes.getInt32(18, true)), height: Math.abs(bytes.getInt32(22, true)) } : null;
    case 'webp':
      return readWebpSize(head, bytes);
    case 'jpeg':
      return null;
  }
}

function readWebpSize(head: Uint8Array, bytes: DataView): { width: number; height: number } | null {
  const chunk = ascii(head, 12, 4);
  if (chunk === 'VP8X' && head.length >= 30) {
    const uint24 = (at: number) => head[at] | (head[at + 1] << 8) | (head[at + 2] << 16);
    return { width: uint24(24) + 1, height: uint24(27) + 1 };
  }
  if (chunk === 'VP8L' && head.length >= 25) {
    const bits = bytes.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && head.length >= 30) {
    return { width: bytes.getUint16(26, true) & 0x3fff, height: bytes.getUint16(28, true) & 0x3fff };
  }
  return null;
}

/** "BM" alone is too weak a signature; also require a known DIB header size at byte 14. */
function isBmp(head: Uint8Array): boolean {
  if (ascii(head, 0, 2) !== 'BM' || head.length < 18) return false;
  const dibHeaderSize = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(14, true);
  return [12, 16, 40, 52, 56, 64, 108, 124].includes(dibHeaderSize);
}

/** ISO-BMFF `ftyp` box with a HEIF-family brand: what phones save photos as. */
function isHeif(head: Uint8Array): boolean {
  return ascii(head, 4, 4) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif|avis)$/.test(ascii(head, 8, 4));
}

function startsWith(head: Uint8Array, signature: number[]): boolean {
  return head.length >= signature.length && signature.every((byte, i) => head[i] === byte);
}

function ascii(head: Uint8Array, offset: number, length: number): string {
  if (head.length < offset + length) return '';
  return String.fromCharCode(...head.subarray(offset, offset + length));
}

const BYTES_PER_MEGABYTE = 1024 * 1024;

/** Megabytes with one decimal; a file just over the limit gets two so it never reads as the limit. */
function formatMegabytes(bytes: number): string {
  const megabytes = bytes / BYTES_PER_MEGABYTE;
  const rounded = Math.round(megabytes * 10) / 10;
  if (bytes > MAX_UPLOAD_BYTES && rounded * BYTES_PER_MEGABYTE <= MAX_UPLOAD_BYTES) {
    return (Math.ceil(megabytes * 100) / 100).toFixed(2);
  }
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}
