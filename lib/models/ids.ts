/** Every model the lab knows, in display order. One source of truth for model ids. */
export const MODEL_IDS = ['cnn', 'lcn', 'cnn-gap', 'lcn-gap', 'cnn-shift', 'lcn-shift', 'mlp'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export function isModelId(value: unknown): value is ModelId {
  return typeof value === 'string' && (MODEL_IDS as readonly string[]).includes(value);
}

/** The pair the lab shows (and downloads) until someone chooses another: shared vs unshared, all else equal. */
export const DEFAULT_PAIR: readonly [ModelId, ModelId] = ['cnn', 'lcn'];

