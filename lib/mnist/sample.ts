import { INPUT_PIXELS, INPUT_SIZE, NUM_CLASSES } from '@/lib/digits/constants';
import { STARTER_SAMPLE_BASE64 } from './starter-digits';

/**
 * The compact MNIST sample the app ships (public/mnist-sample.bin.gz, gzip: 158 KB instead of
 * 786 KB, decompressed in the browser): the FIRST 1,000 images of the MNIST test set (t10k,
 * indices 0–999) with their labels. Its first {@link STARTER_COUNT} digits also ship inside the
 * page's script (starter-digits.ts), so a first test digit needs no download at all.
 *
 * Format (all integers little-endian):
 *   bytes 0–3    ASCII "MNS1" (magic + version)
 *   bytes 4–7    uint32 N, number of digits
 *   byte  8      rows (28), byte 9 cols (28), bytes 10–15 zero
 *   N bytes      labels 0–9
 *   N·784 bytes  pixels, uint8, row-major per image, 0 = background, 255 = ink (MNIST polarity)
 */
export const MNIST_SAMPLE_MAGIC = 'MNS1';
/** Bytes before the labels. */
export const MNIST_SAMPLE_HEADER_BYTES = 16;
/** Digits in the shipped sample. */
export const MNIST_SAMPLE_COUNT = 1_000;
/** Where the app serves it from, gzip-compressed (a static server sends `application/octet-stream` as it is). */
export const MNIST_SAMPLE_URL = '/mnist-sample.bin.gz';
/** Digits of the sample that ship in the page's script: test digits 0–19. */
export const STARTER_COUNT = 20;

/** A decoded sample: `count` 28×28 uint8 images and their labels. */
export interface MnistSample {
  count: number;
  labels: Uint8Array;
  /** count × 784 bytes; image k is pixels.subarray(k·784, (k+1)·784). */
  pixels: Uint8Array;
}

/** Encodes images and labels in the sample format. */
export function encodeMnistSample({ count, labels, pixels }: MnistSample): Uint8Array {
  if (labels.length !== count || pixels.length !== count * INPUT_PIXELS) {
    throw new Error(`encodeMnistSample: need ${count} labels and ${count * INPUT_PIXELS} pixels`);
  }
  const out = new Uint8Array(MNIST_SAMPLE_HEADER_BYTES + count * (1 + INPUT_PIXELS));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = MNIST_SAMPLE_MAGIC.charCodeAt(i);
  view.setUint32(4, count, true);
  out[8] = INPUT_SIZE;
  out[9] = INPUT_SIZE;
  out.set(labels, MNIST_SAMPLE_HEADER_BYTES);
  out.set(pixels, MNIST_SAMPLE_HEADER_BYTES + count);
  return out;
}

/** Decodes the sample format; throws naming what is wrong (magic, image size, length, labels). */
export function parseMnistSample(input: ArrayBuffer | Uint8Array): MnistSample {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < MNIST_SAMPLE_HEADER_BYTES) throw new Error(`mnist sample: ${bytes.length} bytes is shorter than the header`);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== MNIST_SAMPLE_MAGIC) throw new Error(`mnist sample: bad magic '${magic}', expected '${MNIST_SAMPLE_MAGIC}'`);
  if (bytes[8] !== INPUT_SIZE || bytes[9] !== INPUT_SIZE) {
    throw new Error(`mnist sample: images are ${bytes[8]}×${bytes[9]}, expected ${INPUT_SIZE}×${INPUT_SIZE}`);
  }
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const expected = MNIST_SAMPLE_HEADER_BYTES + count * (1 + INPUT_PIXELS);
  if (bytes.length !== expected) throw new Error(`mnist sample: ${bytes.length} bytes, expected ${expected} for ${count} digits`);
  const labels = bytes.subarray(MNIST_SAMPLE_HEADER_BYTES, MNIST_SAMPLE_HEADER_BYTES + count);
  const bad = labels.findIndex((l) => l >= NUM_CLASSES);
  if (bad >= 0) throw new Error(`mnist sample: label ${labels[bad]} at index ${bad} is not a digit`);
  return { count, labels, pixels: bytes.subarray(MNIST_SAMPLE_HEADER_BYTES + count) };
}

let download: Promise<MnistSample> | null = null;

/**
 * The shipped sample, downloaded once per page (a failed download is tried again next time).
 * `priority: 'low'` is for fetching ahead, so it never competes with what the page needs now.
 */
export function loadMnistSample({ priority }: { priority?: RequestPriority } = {}): Promise<MnistSample> {
  download ??= fetch(MNIST_SAMPLE_URL, { priority })
    .then((response) => {
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      return new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    })
    .then(parseMnistSample)
    .catch((e: unknown) => {
      download = null;
      throw e;
    });
  return download;
}

/** The sample if it has arrived, else null (never starts a download). */
export function loadedMnistSample(): Promise<MnistSample | null> {
  return download ? download.catch(() => null) : Promise.resolve(null);
}

let starter: MnistSample | null = null;

/** The first {@link STARTER_COUNT} digits of the sample, from the page's own script: no download. */
export function starterSample(): MnistSample {
  starter ??= parseMnistSample(Uint8Array.from(atob(STARTER_SAMPLE_BASE64), (c) => c.charCodeAt(0)));
  return starter;
}

/** Digit `index` of the sample: its 784 pixels (a copy) and its label. */
export function sampleDigit(sample: MnistSample, index: number): { pixels: Uint8Array; label: number } {
  return { pixels: sample.pixels.slice(index * INPUT_PIXELS, (index + 1) * INPUT_PIXELS), label: sample.labels[index] };
}
