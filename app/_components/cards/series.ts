import type { ModelCard } from '@/lib/models/card';
import { MODEL_HEX } from '@/lib/viz/color';
import { modelColor } from '../model-style';

/** Plot scale of the model hues, keyed by model name, so every chart colours a model the same way. */
export function modelColorScale(models: readonly { name: string; weightSharing: boolean }[]): { domain: string[]; range: string[] } {
  return { domain: models.map((m) => m.name), range: models.map((m) => MODEL_HEX[modelColor(m)]) };
}

/** Plot scale of the model marks (circle, square), keyed by model name, so a model's dots keep their shape without colour. */
export function modelSymbolScale(models: readonly { name: string }[]): { domain: string[]; range: string[] } {
  return { domain: models.map((m) => m.name), range: ['circle', 'square'] };
}

/** The shared-weights and the unshared model of a card, when both are there (for comparative sentences). */
export function sharedAndUnshared(models: readonly ModelCard[]): { shared: ModelCard; unshared: ModelCard } | null {
  const shared = models.find((m) => m.weightSharing);
  const unshared = models.find((m) => !m.weightSharing);
  return shared && unshared ? { shared, unshared } : null;
}
