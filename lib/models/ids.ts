/** Every model the lab knows, in display order. One source of truth for model ids. */
export const MODEL_IDS = ['cnn', 'lcn'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export function isModelId(value: unknown): value is ModelId {
  return typeof value === 'string' && (MODEL_IDS as readonly string[]).includes(value);
}

/** The models the lab shows (and downloads) until it lets you choose: the first two published. */
export function defaultPair<T>(models: readonly T[]): T[] {
  return models.slice(0, 2);
}
