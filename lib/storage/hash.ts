import { createHash } from 'node:crypto';

/** SHA-256 of `bytes`, lowercase hex (the form the browser's integrity check compares). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of `bytes`, base64url without padding. */
export function sha256Base64Url(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('base64url');
}
