'use client';

import { loadedMnistSample, sampleDigit, starterSample } from '@/lib/mnist/sample';
import { startingHint, useHydrated } from '../ui/useHydrated';

interface SampleButtonProps {
  /** `testDigit`: the digit's index in the MNIST test set (the sample is its first 1,000 digits). */
  onSample(pixels: Uint8Array, label: number, testDigit: number): void;
}

/**
 * "Try a test digit": a random digit from the shipped MNIST test sample, with its true label. It
 * answers at once: from the whole sample once that has arrived (the lab fetches it ahead, at low
 * priority, when the models on screen are ready), before that from the digits the page carries.
 */
export function SampleButton({ onSample }: SampleButtonProps) {
  const hydrated = useHydrated();

  async function pick() {
    const sample = (await loadedMnistSample()) ?? starterSample();
    const index = Math.floor(Math.random() * sample.count);
    const { pixels, label } = sampleDigit(sample, index);
    onSample(pixels, label, index);
  }

  return (
    <button
      type="button"
      data-testid="sample-button"
      onClick={pick}
      disabled={!hydrated}
      {...startingHint(hydrated)}
      className="min-h-11 justify-self-start rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-700 disabled:cursor-not-allowed disabled:opacity-60"
    >
      Try a test digit
    </button>
  );
}
