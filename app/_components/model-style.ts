import type { ModelColor } from '@/lib/viz/color';

/** Theme colour of a model: shared-weight models blue, unshared amber (see globals.css). */
export function modelColor(model: { weightSharing: boolean }): ModelColor {
  return model.weightSharing ? 'shared' : 'unshared';
}

/** Display title, e.g. "CNN — shared weights". */
export function modelTitle(model: { name: string; weightSharing: boolean }): string {
  return `${model.name} — ${model.weightSharing ? 'shared' : 'unshared'} weights`;
}

/** Tailwind class for text in a model's hue, dark enough for AA contrast on white. */
export function modelTextClass(model: { weightSharing: boolean }): string {
  return model.weightSharing ? 'text-shared' : 'text-unshared-ink';
}
