import { entryBytes, type ManifestModelEntry } from './types';

/** The files of the smallest of `models` (the models on screen): the model that answers first. */
export function firstModelUrls(models: readonly ManifestModelEntry[]): string[] {
  const first = [...models].sort((a, b) => entryBytes(a) - entryBytes(b))[0];
  return first ? [first.modelJson.url, ...first.weights.map((w) => w.url)] : [];
}
