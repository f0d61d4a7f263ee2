import { describe, expect, it } from 'vitest';
import { assertValidBlobKey, assertValidPrefix, blobKeyProblem, InvalidBlobKeyError, isValidBlobKey, MAX_SEGMENT_LENGTH } from './keys';

describe('blob keys', () => {
  it.each([
    'models/manifest.json',
    'models/cnn/0123456789abcdef/weights.bin',
    'shares/-_AZaz09-_AZaz09-_AZ.json',
    'a',
    'A.b.c',
    'x'.repeat(MAX_SEGMENT_LENGTH),
  ])('accepts %j', (key) => {
    expect(isValidBlobKey(key)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'absolute path'],
    ['a/../b', 'relative path segment'],
    ['./a', 'relative path segment'],
    ['a//b', 'empty path segment'],
    ['a/', 'empty path segment'],
    ['a\\b', 'backslash'],
    ['a\0b', 'NUL'],
    ['.env', 'starts with "."'],
    ['a/b c', 'outside'],
    ['a/%2e%2e', 'outside'],
    ['x'.repeat(513), 'longer than 512'],
    ['x'.repeat(MAX_SEGMENT_LENGTH + 1), `segment longer than ${MAX_SEGMENT_LENGTH}`],
    [`models/${'a'.repeat(245)}`, `segment longer than ${MAX_SEGMENT_LENGTH}`],
  ])('rejects %j: %s', (key, reason) => {
    expect(blobKeyProblem(key)).toContain(reason);
    expect(() => assertValidBlobKey(key)).toThrow(InvalidBlobKeyError);
  });

  it('rejects non-strings', () => {
    expect(isValidBlobKey(undefined)).toBe(false);
    expect(isValidBlobKey(42)).toBe(false);
  });

  it('accepts list prefixes that end inside a segment or at a separator', () => {
    for (const prefix of ['', 'models/', 'models/c', 'shares/A']) expect(() => assertValidPrefix(prefix)).not.toThrow();
    for (const prefix of ['/', '../', 'a//', '.x']) expect(() => assertValidPrefix(prefix)).toThrow(InvalidBlobKeyError);
  });
});
