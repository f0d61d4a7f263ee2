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
