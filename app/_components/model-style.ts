import type { ModelId } from '@/lib/models/ids';

/** Theme colour of a model: shared-weight models blue, unshared amber (see globals.css). */
export function modelColor(id: ModelId): 'shared' | 'unshared' {
  return id === 'cnn' ? 'shared' : 'unshared';
}

/** Display title, e.g. "CNN — shared weights". */
export function modelTitle(id: ModelId, name = id.toUpperCase()): string {
  return `${name} — ${modelColor(id) === 'shared' ? 'shared' : 'unshared'} weights`;
}
