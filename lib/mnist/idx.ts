import { NUM_CLASSES } from '@/lib/digits/constants';

/**
 * Reader for the IDX format of the MNIST files (http://yann.lecun.com/exdb/mnist/): a big-endian
 * header — magic 0x00 0x00 <type> <rank>, then one uint32 per dimension — followed by the data.
 * Only unsigned-byte data (type 0x08) occurs in MNIST, so only that is accepted.
 */

/** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
export const IDX_LABELS_MAGIC = 0x00000801;
/** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
export const IDX_IMAGES_MAGIC = 0x00000803;

/** A decoded IDX tensor of unsigned bytes. */
export interface IdxArray {
  /** Size of every dimension, outermost first. */
  dims: number[];
  /** Row-major values; a view into the given buffer, not a copy. */
  data: Uint8Array;
}

/** Images as read from an IDX3 file: `count` row-major `rows × cols` bitmaps, 0 = background. */
export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  pixels: Uint8Array;
}

/**
 * Parses an uncompressed IDX file of unsigned bytes.
 * @param name used in error messages, e.g. the file name.
 * @throws Error naming the file and what is wrong: short header, wrong magic, truncated data.
 */
export function parseIdx(bytes: Uint8Array, expectedMagic: number, name: string): IdxArray {
  if (bytes.length < 4) throw new Error(`${name}: ${bytes.length} bytes is too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== expectedMagic) {
    throw new Error(`${name}: bad magic number 0x${hex(magic)}, expected 0x${hex(expectedMagic)}`);
  }
  const rank = magic & 0xff;
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new Error(`${name}: truncated header (${bytes.length} bytes, need ${headerBytes} for ${rank} dimensions)`);
  }
  const dims = Array.from({ length: rank }, (_, d) => view.getUint32(4 + 4 * d));
  const size = dims.reduce((a, b) => a * b, 1);
  const available = bytes.length - headerBytes;
  if (available < size) {
    throw new Error(`${name}: truncated data, header promises ${dims.join('×')} = ${size} bytes but only ${available} follow`);
  }
  if (available > size) {
    throw new Error(`${name}: ${available - size} unexpected trailing bytes after ${dims.join('×')} values`);
  }
  return { dims, data: bytes.subarray(headerBytes, headerBytes + size) };
}

/** Parses an IDX3 image file, checking the image size when `expected` is given. */
export function parseIdxImages(bytes: Uint8Array, name: string, expected?: { count?: number; rows?: number; cols?: number }): IdxImages {
  const { dims, data } = parseIdx(bytes, IDX_IMAGES_MAGIC, name);
  const [count, rows, cols] = dims;
  checkDim(name, 'image count', count, expected?.count);
  checkDim(name, 'rows', rows, expected?.rows);
  checkDim(name, 'columns', cols, expected?.cols);
  return { count, rows, cols, pixels: data };
}

/** Parses an IDX1 label file; every label must be a digit 0–9. */
export function parseIdxLabels(bytes: Uint8Array, name: string, expectedCount?: number): Uint8Array {
  const { dims, data } = parseIdx(bytes, IDX_LABELS_MAGIC, name);
  checkDim(name, 'label count', dims[0], expectedCount);
  const bad = data.findIndex((label) => label >= NUM_CLASSES);
  if (bad >= 0) throw new Error(`${name}: label ${data[bad]} at index ${bad} is not a digit 0–9`);
  return data;
}

/** Builds an IDX byte buffer (used by tests and by anyone writing MNIST-like files). */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x0800 | dims.length);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

function checkDim(name: string, what: string, actual: number, expected: number | undefined): void {
  if (expected !== undefined && actual !== expected) {
    throw new Error(`${name}: ${what} is ${actual}, expected ${expected}`);
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
