import { getModelSpec } from '@/lib/models/registry';
import type { ModelId } from '@/lib/models/ids';

/**
 * Shares models out among `jobs` processes so they finish close together: longest first, each to
 * the least loaded process. Training time on this machine follows the parameter count closely
 * (the locally connected models dominate), so that is the cost. Empty groups are dropped.
 */
export function shareOut(ids: readonly ModelId[], jobs: number, cost = (id: ModelId) => getModelSpec(id).params): ModelId[][] {
  return shareOutBy(ids, jobs, cost);
}

/** {@link shareOut} for any work items (the experiments share out runs): longest first, each to the least loaded process. */
export function shareOutBy<T>(items: readonly T[], jobs: number, cost: (item: T) => number): T[][] {
  const groups = Array.from({ length: Math.max(1, jobs) }, () => ({ load: 0, items: [] as T[] }));
  for (const item of [...items].sort((a, b) => cost(b) - cost(a))) {
    const lightest = groups.reduce((a, b) => (b.load < a.load ? b : a));
    lightest.items.push(item);
    lightest.load += cost(item);
  }
  return groups.map((g) => g.items).filter((g) => g.length > 0);
}
