import { getModelSpec } from '@/lib/models/registry';
import type { ModelId } from '@/lib/models/ids';

/**
 * Shares models out among `jobs` processes so they finish close together: longest first, each to
 * the least loaded process. Training time on this machine follows the parameter count closely
 * (the locally connected models dominate), so that is the cost. Empty groups are dropped.
 */
export function shareOut(ids: readonly ModelId[], jobs: number, cost = (id: ModelId) => getModelSpec(id).params): ModelId[][] {
  const groups = Array.from({ length: Math.max(1, jobs) }, () => ({ load: 0, ids: [] as ModelId[] }));
  for (const id of [...ids].sort((a, b) => cost(b) - cost(a))) {
    const lightest = groups.reduce((a, b) => (b.load < a.load ? b : a));
    lightest.ids.push(id);
    lightest.load += cost(id);
  }
  return groups.map((g) => g.ids).filter((g) => g.length > 0);
}
