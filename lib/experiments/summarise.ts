import { runId, type PlannedRun } from './plan';
import { GROUP_NAMES, type RunRecord, type Summary } from './schema';

/**
 * The summary of the finished runs of a plan: per group, how many runs it plans and every finished
 * run (plan order). Groups with no finished run are left out; records not in the plan are ignored.
 */
export function summarise(plan: readonly PlannedRun[], records: ReadonlyMap<string, RunRecord>, quick: boolean, generatedAt: string): Summary {
  const groups: Summary['groups'] = {};
  for (const group of GROUP_NAMES) {
    const planned = plan.filter((r) => r.group === group);
    const runs = planned.flatMap((r) => {
      const record = records.get(runId(r));
      return record ? [{ key: record.key, flags: record.flags, results: record.results }] : [];
    });
    if (runs.length) groups[group] = { planned: planned.length, runs };
  }
  return { version: 1, generatedAt, quick, groups };
}
