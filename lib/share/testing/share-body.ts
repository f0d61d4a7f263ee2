import { encodePixels } from '@/lib/digits/codec';
import { INPUT_PIXELS, NUM_CLASSES } from '@/lib/digits/constants';
/** A valid `POST /api/share` body (plain JSON, version 2, the pair cnn | lcn), for tests. `seed` varies the input. */
export function validShareBody(seed = 0) {
  const pixels = new Uint8Array(INPUT_PIXELS).map((_, i) => (i * 31 + seed * 17) % 256);
  const probs = Array.from({ length: NUM_CLASSES }, (_, i) => (i === 4 ? 0.91 : 0.01));
  return {
    v: 2,
    input: encodePixels(pixels),
    shift: { dx: 2, dy: -1 },
    models: ['cnn', 'lcn'] as string[],
    results: Object.fromEntries(['cnn', 'lcn'].map((id) => [id, { probs: [...probs], top: 4, latencyMs: 0.5, backend: 'wasm' }])) as Record<
      string,
      { probs: number[]; top: number; latencyMs: number; backend: string }
    >,
  };
}

/** A valid device benchmark to attach to a share body (two backends × the pair), for tests. */
export function validBenchmark() {
  const cell = (backend: string, modelId: string, single: number, sweep: number) => ({
    backend,
    modelId,
    coldMs: 1.5,
    singleP50Ms: single,
    singleP95Ms: single * 1.5,
    sweepMs: sweep,
    sweepMethod: modelId === 'cnn' ? 'equivariant' : 'batched',
  });
  return {
    adapter: 'google swiftshader (software)',
    cells: [cell('wasm', 'cnn', 0.11, 3.3), cell('wasm', 'lcn', 0.23, 19.5), cell('cpu', 'cnn', 3.6, 195), cell('cpu', 'lcn', 20.1, 4311)],
    failed: [{ backend: 'webgl', error: 'WebGL2 is not available' }],
  };
}
