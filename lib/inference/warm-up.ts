import type { ModelId } from '@/lib/models/ids';
import type { DigitInput, PerModel, SweepResult } from './types';

/** How many sweeps warm the sweep path (measured in Chromium on wasm, ms, CNN / LCN: 21–39 / 34–145 first, 5–8 / 24–84 second, then 2–3 / 17–36). */
export const WARM_UP_SWEEPS = 2;

/**
 * Runs the shift sweep of `ids` `runs` times on a throwaway input right after they are built, so the
 * first sweep a visitor sees is warm: the first run on a fresh backend pays for compilation and first
 * allocations, and the second still partly (V8 optimises WebAssembly in the background). Every run is
 * sent at once, so a visitor's own sweep, asked for meanwhile, queues behind all of them.
 * Resolves to the first run's time per model: shown, if at all, as "first run", never as the figure.
 */
export async function warmUpSweeps(
  engine: { sweep(ids: readonly ModelId[], input: DigitInput): Promise<PerModel<SweepResult>> },
  ids: readonly ModelId[],
  input: DigitInput,
  runs = WARM_UP_SWEEPS,
): Promise<PerModel<number>> {
  const sweeps = Array.from({ length: Math.max(1, runs) }, () => engine.sweep(ids, input));
  const [first] = await Promise.all(sweeps);
  return Object.fromEntries(Object.entries(first).map(([id, result]) => [id, result!.ms]));
}
