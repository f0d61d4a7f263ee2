'use client';

import { useState } from 'react';
import { errorMessage } from '@/lib/inference/errors';
import { loadMnistSample, sampleDigit } from '@/lib/mnist/sample';
import { startingHint, useHydrated } from '../ui/useHydrated';

interface SampleButtonProps {
  onSample(pixels: Uint8Array, label: number): void;
  onError(message: string): void;
}

/** "Try a test digit": a random digit from the shipped MNIST test sample, with its true label. */
export function SampleButton({ onSample, onError }: SampleButtonProps) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function pick() {
    setBusy(true);
    try {
      const sample = await loadMnistSample();
      const { pixels, label } = sampleDigit(sample, Math.floor(Math.random() * sample.count));
      onSample(pixels, label);
    } catch (e) {
      onError(`The MNIST test digits could not be loaded: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <button
      type="button"
      data-testid="sample-button"
      onClick={pick}
      disabled={!hydrated || busy}
      {...startingHint(hydrated)}
      className="min-h-11 justify-self-start rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-700 disabled:cursor-not-allowed disabled:opacity-60"
    >
      Try a test digit
    </button>
  );
}
