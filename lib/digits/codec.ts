import { INPUT_PIXELS, INPUT_SIZE } from './constants';

/** Standard base64 (RFC 4648 §4) with padding, nothing else — stricter than `atob`, which skips whitespace. */
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Length of `encodePixels`' output for a 28×28 input. */
export const ENCODED_PIXELS_LENGTH = Math.ceil(INPUT_PIXELS / 3) * 4;

/** Thrown when encoded pixel data cannot be a 28×28 input. */
export class PixelCodecError extends Error {
  override name = 'PixelCodecError';
}

/**
 * Encode a 28×28 byte image as standard base64 (1,048 characters). Uses `btoa`, so it runs the same
 * in browsers and in Node ≥ 16.
 */
export function encodePixels(pixels: Uint8Array): string {
  assertInputLength(pixels.length);
  let binary = '';
  for (let i = 0; i < pixels.length; i++) binary += String.fromCharCode(pixels[i]);
  return btoa(binary);
}

/**
 * Decode `encodePixels`' output back into a 28×28 byte image.
 * @throws PixelCodecError when the text is not standard base64 or does not hold exactly 784 bytes.
 */
export function decodePixels(encoded: string): Uint8Array {
  if (typeof encoded !== 'string' || !BASE64_PATTERN.test(encoded)) {
    throw new PixelCodecError('Pixel data is not valid base64.');
  }
  const binary = atob(encoded);
  assertInputLength(binary.length);
  const pixels = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) pixels[i] = binary.charCodeAt(i);
  return pixels;
}

function assertInputLength(length: number): void {
  if (length !== INPUT_PIXELS) {
    throw new PixelCodecError(`Pixel data holds ${length} bytes; a ${INPUT_SIZE}×${INPUT_SIZE} input needs exactly ${INPUT_PIXELS}.`);
  }
}
