import { modelFacts, parseCard, type ModelCard } from '@/lib/models/card';
import type { BlobStore } from './blob-store';
import { sha256Hex } from './hash';
import type { LabModel, ModelManifest, PublishedModel } from './manifest';

/** Thrown when a model's published card is missing, altered or not a card of that model alone. */
export class PublishedCardError extends Error {
  override name = 'PublishedCardError';
}

/** Parsed cards by content hash: a published card never changes, so once read it is read for good. */
export type CardCache = Map<string, ModelCard>;

/**
 * Every model of `manifest` with its card, read from the store next to its weights and checked
 * (size, sha256, schema, and that it is the card of that model). This is where the lab gets what it
 * shows about a model: name, description, parameters, every metric and chart.
 * @throws PublishedCardError naming the model and the card's key.
 */
export async function readPublishedModels(
  store: BlobStore,
  manifest: ModelManifest,
  cache: CardCache = new Map(),
): Promise<PublishedModel[]> {
  return Promise.all(
    manifest.models.map(async (entry) => {
      const { key, sha256 } = entry.cardJson;
      let card = cache.get(sha256);
      if (!card) {
        const blob = await store.get(key);
        if (!blob) throw new PublishedCardError(`The card of model '${entry.id}' is missing from the store (${key}): publish again`);
        if (sha256Hex(blob.body) !== sha256)
          throw new PublishedCardError(`The card of model '${entry.id}' (${key}) does not match its sha256 in the manifest`);
        const { models } = parseCard(JSON.parse(new TextDecoder().decode(blob.body)));
        if (models.length !== 1 || models[0].id !== entry.id) {
          throw new PublishedCardError(`${key} is not the card of model '${entry.id}' alone`);
        }
        card = models[0];
        cache.set(sha256, card);
      }
      return { ...entry, card };
    }),
  );
}

/** What the lab's page carries of a published model: the card's charts' data stays on the server. */
export function labModel({ card, ...files }: PublishedModel): LabModel {
  return { ...files, card: modelFacts(card) };
}
