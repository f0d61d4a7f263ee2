import type { ModelId } from '@/lib/models/ids';
import type { ModelFactors } from '@/lib/models/registry';
import type { ModelColor } from '@/lib/viz/color';
import { ZOO_HEX, zooSymbol } from '@/lib/viz/zoo-style';

/** Theme colour of a model: shared-weight models blue, unshared amber (see globals.css). */
export function modelColor(model: { weightSharing: boolean }): ModelColor {
  return model.weightSharing ? 'shared' : 'unshared';
}

/** Display title, e.g. "CNN — shared weights". */
export function modelTitle(model: { name: string; weightSharing: boolean }): string {
  return `${model.name} — ${model.weightSharing ? 'shared' : 'unshared'} weights`;
}

/** Tailwind class for text in a model's hue, with AA contrast on the panel in either colour scheme (globals.css). */
export function modelTextClass(model: { weightSharing: boolean }): string {
  return model.weightSharing ? 'text-shared-ink' : 'text-unshared-ink';
}

/** Plot scale of the model hues (lib/viz/zoo-style.ts), keyed by model name, so every chart colours a model the same way. */
export function modelColorScale(models: readonly { id: ModelId; name: string }[]): { domain: string[]; range: string[] } {
  return { domain: models.map((m) => m.name), range: models.map((m) => ZOO_HEX[m.id]) };
}

/** Plot scale of the model marks, one symbol per design cell, keyed by model name, so a model's dots keep their shape without colour. */
export function modelSymbolScale(models: readonly { name: string; factors: ModelFactors }[]): { domain: string[]; range: string[] } {
  return { domain: models.map((m) => m.name), range: models.map((m) => zooSymbol(m.factors)) };
}
