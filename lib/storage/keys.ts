/** Longest key accepted: far below Vercel Blob's 950 and any filesystem's path limit. */
export const MAX_KEY_LENGTH = 512;

/**
 * Longest path segment accepted. The local store names files after a segment with up to
 * 29 more characters (`..<name>.meta.json.<12 hex>.tmp`, the temp file of its
 * sidecar), and a file name may have 255 bytes on Linux, macOS and Windows: 200 leaves room,
 * so every key that validates can be stored (`local-store.test.ts` checks the longest).
 */
export const MAX_SEGMENT_LENGTH = 200;

/**
 * One path segment: letters, digits, `_`, `-` and `.`, not starting with `.` (so no `.`/`..`,
 * no hidden files, and the local store's `.`-prefixed sidecar and temp files can never
 * collide with a key).
 */
const SEGMENT = new RegExp(`^[A-Za-z0-9_-][A-Za-z0-9._-]{0,${MAX_SEGMENT_LENGTH - 1}}$`);

/** Thrown for a key that is not a safe relative path; the message says why. */
export class InvalidBlobKeyError extends Error {
  override name = 'InvalidBlobKeyError';
  constructor(key: unknown, reason: string) {
    super(`Invalid blob key ${JSON.stringify(String(key)).slice(0, 80)}: ${reason}`);
  }
}

/** Why `key` is unsafe, or null when it is a valid blob key. */
export function blobKeyProblem(key: unknown): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'empty';
  if (key.length > MAX_KEY_LENGTH) return `longer than ${MAX_KEY_LENGTH} characters`;
  if (key.includes('\0')) return 'contains NUL';
  if (key.includes('\\')) return 'contains a backslash';
  if (key.startsWith('/')) return 'absolute path';
  for (const segment of key.split('/')) {
    if (segment === '') return 'empty path segment';
    if (segment === '.' || segment === '..') return 'relative path segment';
    if (segment.length > MAX_SEGMENT_LENGTH) return `segment longer than ${MAX_SEGMENT_LENGTH} characters`;
    if (!SEGMENT.test(segment)) return `segment ${JSON.stringify(segment)} has characters outside [A-Za-z0-9._-] or starts with "."`;
  }
  return null;
}

/** True when `key` is a safe, relative, slash-separated blob key. */
export function isValidBlobKey(key: unknown): key is string {
  return blobKeyProblem(key) === null;
}

/** @throws InvalidBlobKeyError unless `key` is a valid blob key. */
export function assertValidBlobKey(key: unknown): asserts key is string {
  const problem = blobKeyProblem(key);
  if (problem) throw new InvalidBlobKeyError(key, problem);
}

/**
 * Checks a list prefix: '' (everything) or a key's beginning, which may end inside a segment
 * (`models/c`) or at a separator (`models/`).
 * @throws InvalidBlobKeyError for an unsafe prefix.
 */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  const asKey = prefix.endsWith('/') ? `${prefix}x` : prefix;
  const problem = blobKeyProblem(asKey);
  if (problem) throw new InvalidBlobKeyError(prefix, problem);
}
