import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { loadMnist } from './load';
import { encodeMnistSample, MNIST_SAMPLE_COUNT, parseMnistSample, sampleDigit, STARTER_COUNT, starterSample } from './sample';
import { STARTER_SAMPLE_BASE64 } from './starter-digits';

describe('MNIST sample format', () => {
  const tiny = { count: 2, labels: Uint8Array.of(4, 9), pixels: Uint8Array.from({ length: 2 * INPUT_PIXELS }, (_, i) => i % 256) };

  it('round-trips', () => {
    const parsed = parseMnistSample(encodeMnistSample(tiny).buffer as ArrayBuffer);
    expect(parsed.count).toBe(2);
    expect(Array.from(parsed.labels)).toEqual([4, 9]);
    expect(parsed.pixels).toEqual(tiny.pixels);
  });

  it('hands out one digit as a copy, with its label', () => {
    const digit = sampleDigit(tiny, 1);
    expect(digit.label).toBe(9);
    expect(digit.pixels).toEqual(tiny.pixels.subarray(INPUT_PIXELS));
    digit.pixels[0] = 1;
    expect(tiny.pixels[INPUT_PIXELS]).toBe(INPUT_PIXELS % 256);
  });

  it('rejects bad magic and truncated files', () => {
    const bytes = encodeMnistSample(tiny);
    const bad = bytes.slice();
    bad[0] = 0x58;
    expect(() => parseMnistSample(bad)).toThrow("bad magic 'XNS1'");
    expect(() => parseMnistSample(bytes.subarray(0, bytes.length - 1))).toThrow(/expected 1586 for 2 digits/);
    expect(() => parseMnistSample(bytes.subarray(0, 8))).toThrow('shorter than the header');
  });

  it('the committed public/mnist-sample.bin.gz holds the first 1,000 test digits', () => {
    const sample = parseMnistSample(new Uint8Array(gunzipSync(readFileSync('public/mnist-sample.bin.gz'))));
    const test = loadMnist('test');
    expect(sample.count).toBe(MNIST_SAMPLE_COUNT);
    expect(sample.labels).toEqual(test.labels.subarray(0, MNIST_SAMPLE_COUNT));
    expect(sample.pixels).toEqual(test.images.subarray(0, MNIST_SAMPLE_COUNT * INPUT_PIXELS));
  });

  it("the page carries the sample's first digits, as write-sample.ts writes them", () => {
    const starter = starterSample();
    const test = loadMnist('test');
    expect(starter.count).toBe(STARTER_COUNT);
    expect(starter.labels).toEqual(test.labels.subarray(0, STARTER_COUNT));
    expect(starter.pixels).toEqual(test.images.subarray(0, STARTER_COUNT * INPUT_PIXELS));
    const encoded = encodeMnistSample({ count: STARTER_COUNT, labels: starter.labels, pixels: starter.pixels });
    expect(STARTER_SAMPLE_BASE64).toBe(Buffer.from(encoded).toString('base64'));
    expect(STARTER_SAMPLE_BASE64.length).toBeLessThan(22_000);
  });
});
