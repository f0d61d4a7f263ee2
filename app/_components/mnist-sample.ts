import { INPUT_PIXELS } from '@/lib/digits/constants';
import { MNIST_SAMPLE_URL, parseMnistSample, type MnistSample } from '@/lib/mnist/sample';

let pending: Promise<MnistSample> | null = null;

/** The shipped MNIST test sample, downloaded once per page (a failed download is tried again next time). */
export function loadMnistSample(): Promise<MnistSample> {
  pending ??= fetch(MNIST_SAMPLE_URL)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.arrayBuffer();
    })
    .then(parseMnistSample)
    .catch((e: unknown) => {
      pending = null;
      throw e;
    });
  return pending;
}

/** Digit `index` of the sample: its 784 pixels (a copy) and its label. */
export function sampleDigit(sample: MnistSample, index: number): { pixels: Uint8Array; label: number } {
  return { pixels: sample.pixels.slice(index * INPUT_PIXELS, (index + 1) * INPUT_PIXELS), label: sample.labels[index] };
}
