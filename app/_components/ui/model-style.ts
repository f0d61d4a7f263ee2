import { MODEL_HEX, type ModelColor } from '@/lib/viz/color';

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

/** Plot scale of the model hues, keyed by model name, so every chart colours a model the same way. */
export function modelColorScale(models: readonly { name: string; weightSharing: boolean }[]): { domain: string[]; range: string[] } {
  return { domain: models.map((m) => m.name), range: models.map((m) => MODEL_HEX[modelColor(m)]) };
}

/** Plot scale of the model marks (circle, square), keyed by model name, so a model's dots keep their shape without colour. */
export function modelSymbolScale(models: readonly { name: string }[]): { domain: string[]; range: string[] } {
  return { domain: models.map((m) => m.name), range: ['circle', 'square'] };
}
