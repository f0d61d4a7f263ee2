/** `npx tsx lib/mnist/write-sample.ts [out]`: writes the first 1,000 MNIST test digits to public/mnist-sample.bin. */
import { writeFileSync } from 'node:fs';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { loadMnist } from './load';
import { encodeMnistSample, MNIST_SAMPLE_COUNT } from './sample';

const out = process.argv[2] ?? 'public/mnist-sample.bin';
const test = loadMnist('test');
const bytes = encodeMnistSample({
  count: MNIST_SAMPLE_COUNT,
  labels: test.labels.subarray(0, MNIST_SAMPLE_COUNT),
  pixels: test.images.subarray(0, MNIST_SAMPLE_COUNT * INPUT_PIXELS),
});
writeFileSync(out, bytes);
console.log(`wrote ${bytes.length} bytes (${MNIST_SAMPLE_COUNT} test digits) to ${out}`);
