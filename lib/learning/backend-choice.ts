import type { BackendName } from '@/lib/inference/types';

/** How the race's backend was chosen, shown with the result. */
export interface TrainingBackendChoice {
  backend: BackendName;
  reason: 'forced' | 'only-available' | 'measured';
  /** Median time of one training step of both models per backend raced, ms. */
  timings: Partial<Record<BackendName, number>>;
}

/**
 * The backends worth timing for training, like inference's race (backend-choice.ts): every one that
 * initialises here except those rendering in software (SwiftShader's WebGPU and WebGL are the CPU,
 * emulated) and the plain-JS cpu backend, which is only the last resort.
 */
export function trainingCandidates(available: readonly BackendName[], software: readonly BackendName[]): BackendName[] {
  const real = available.filter((b) => b !== 'cpu' && !software.includes(b));
  return real.length > 0 ? real : available.includes('cpu') ? ['cpu'] : [];
}

/** The backend with the smallest measured step time (the first listed wins a tie); null when none was measured. */
export function fastestBackend(timings: Partial<Record<BackendName, number>>): BackendName | null {
  let best: BackendName | null = null;
  for (const [name, ms] of Object.entries(timings) as [BackendName, number][]) {
    if (Number.isFinite(ms) && (best === null || ms < timings[best]!)) best = name;
  }
  return best;
}
