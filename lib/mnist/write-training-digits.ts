/**
 * `npx tsx lib/mnist/write-training-digits.ts`: writes the first TRAINING_DIGITS_COUNT MNIST
 * training digits to models/training-digits.bin.gz (see training-digits.ts). Deterministic: gzip
 * without a timestamp, so the bytes (and the published hash) change only with the data.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { loadMnist } from './load';
import { encodeMnistSample } from './sample';
import { TRAINING_DIGITS_COUNT, TRAINING_DIGITS_FILE } from './training-digits';

const train = loadMnist('train');
const count = TRAINING_DIGITS_COUNT;
const bytes = gzipSync(
  encodeMnistSample({ count, labels: train.labels.subarray(0, count), pixels: train.images.subarray(0, count * INPUT_PIXELS) }),
  { level: 9 },
);
const out = path.join(process.env.MODELS_DIR ?? 'models', TRAINING_DIGITS_FILE);
writeFileSync(out, bytes);
console.log(`wrote ${out}: ${bytes.length} bytes (${count} MNIST training digits, gzip)`);
