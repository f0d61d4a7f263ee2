import type { ModelId } from '@/lib/models/ids';
import type { ModelFactors } from '@/lib/models/registry';

/**
 * Each model's hue in charts: shared-weight models in the blue–violet–cyan family, unshared in
 * amber–orange–red, the fully connected baseline slate — so the sharing factor reads at a glance
 * and every model stays distinct. Each keeps ≥ 3:1 contrast on both colour schemes' panels (tested).
 */
export const ZOO_HEX: Record<ModelId, string> = {
  cnn: '#2563eb',
  'cnn-gap': '#8b5cf6',
  'cnn-shift': '#0891b2',
  lcn: '#d97706',
  'lcn-gap': '#c2410c',
  'lcn-shift': '#dc2626',
  mlp: '#64748b',
};

/** Plot symbols, one per cell of the design besides sharing: so models differ in more than colour. */
export type ZooSymbol = 'circle' | 'square' | 'triangle' | 'diamond';

/** Dense head on centred digits: circle; global average pooling: square; shifted training data: triangle; no locality: diamond. */
export function zooSymbol(factors: ModelFactors): ZooSymbol {
  if (factors.connectivity === 'dense') return 'diamond';
  if (factors.trainShift > 0) return 'triangle';
  return factors.head === 'gap' ? 'square' : 'circle';
}

/** The design cells in reading order, each named by what sets it apart. */
const CELLS: readonly { symbol: ZooSymbol; label: string }[] = [
  { symbol: 'circle', label: 'dense head' },
  { symbol: 'square', label: 'global average pooling' },
  { symbol: 'triangle', label: 'shifted training digits' },
  { symbol: 'diamond', label: 'no locality' },
];

/**
 * One phrase per design cell present, its models (shared first) with their value, e.g.
 * "dense head: CNN 50.9 % vs LCN 43.0 %; global average pooling: CNN-GAP 68.6 % vs LCN-GAP 39.9 %".
 * Reading across cells shows what the head and the data change; within a cell, what sharing does.
 */
export function byDesignCell<T extends { name: string; weightSharing: boolean; factors: ModelFactors }>(
  models: readonly T[],
  value: (model: T) => string,
): string {
  return CELLS.flatMap(({ symbol, label }) => {
    const inCell = models.filter((m) => zooSymbol(m.factors) === symbol).sort((a, b) => Number(b.weightSharing) - Number(a.weightSharing));
    return inCell.length ? [`${label}: ${inCell.map((m) => `${m.name} ${value(m)}`).join(' vs ')}`] : [];
  }).join('; ');
}
