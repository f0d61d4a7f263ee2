import { DEFAULT_PAIR, MODEL_IDS, type ModelId } from './ids';

/** The two models the lab compares, in column order: always two different ids. */
export type ModelPair = readonly [ModelId, ModelId];

/**
 * The model for one side of the pair when the one asked for cannot be shown: the first of
 * `preferences` that is published and not `taken`, else any published one. Only when fewer than
 * two models are published does it answer an unpublished id (the lab then has nothing to compare).
 */
export function fallbackModel(published: readonly ModelId[], preferences: readonly ModelId[], taken: ModelId | null): ModelId {
  const candidates = [...preferences, ...published, ...MODEL_IDS];
  return candidates.find((id) => id !== taken && published.includes(id)) ?? candidates.find((id) => id !== taken)!;
}

/** The default pair among the published models: DEFAULT_PAIR where published, else the first published. */
export function defaultPairIds(published: readonly ModelId[]): ModelPair {
  const a = fallbackModel(published, DEFAULT_PAIR, null);
  return [a, fallbackModel(published, [DEFAULT_PAIR[1], DEFAULT_PAIR[0]], a)];
}

/**
 * The pair after choosing `id` for one side. Choosing the model the other side shows swaps the
 * two, so the pair never compares a model with itself and nothing chosen is lost.
 */
export function choosePairSide(pair: ModelPair, side: 0 | 1, id: ModelId): ModelPair {
  const other = side === 0 ? 1 : 0;
  if (id === pair[side]) return pair;
  const next: [ModelId, ModelId] = [pair[0], pair[1]];
  if (id === pair[other]) next[other] = pair[side];
  next[side] = id;
  return next;
}
