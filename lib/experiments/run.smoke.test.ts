import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '@/lib/testing/cli';
import { GROUP_NAMES } from './schema';
import { planRuns, QUICK_SETTINGS, runId } from './plan';
import { recordPath, summaryPath } from './records';
import { completeGroup, parseSummary, runRecordSchema } from './schema';

/** The experiments CLI, with its CPU seconds. */
const experiments = (args: string) => runCli('lib/experiments/run.ts', args, 300_000);

describe('npm run experiments --quick (smoke)', () => {
  it('saves every run with its flags, writes a valid summary, and skips finished runs when run again', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wsl-experiments-'));
    const summaryBefore = existsSync('experiments/summary.json') ? statSync('experiments/summary.json').mtimeMs : 0;
    const plan = planRuns(QUICK_SETTINGS, GROUP_NAMES);

    const first = experiments(`--quick --out '${out}' --jobs 2`);
    expect(first.status, first.stderr.slice(-2000)).toBe(0);
    expect(first.stdout).toContain('2 processes take');
    for (const run of plan) {
      const record = runRecordSchema.parse(JSON.parse(readFileSync(recordPath(out, run), 'utf8')));
      expect(record.flags, runId(run)).toEqual(run.flags);
      expect(record.results.curve[0].step).toBe(0);
      // A shift sweep only in the seeds group: distances 0–4.
      expect(record.results.shiftAccuracy.map((s) => s.distance)).toEqual(run.group === 'seeds' ? [0, 1, 2, 3, 4] : []);
    }
    const summary = parseSummary(JSON.parse(readFileSync(summaryPath(out), 'utf8')));
    expect(summary.quick).toBe(true);
    for (const group of GROUP_NAMES) expect(completeGroup(summary, group)?.length).toBe(plan.filter((r) => r.group === group).length);
    expect(first.cpuSeconds).toBeLessThan(60);

    const mtimes = plan.map((run) => statSync(recordPath(out, run)).mtimeMs);
    const again = experiments(`--quick --out '${out}'`);
    expect(again.status, again.stderr.slice(-2000)).toBe(0);
    expect(again.stdout).toContain(`${plan.length} runs in seeds, samples, permuted, 0 to do`);
    expect(again.stdout).toContain(`[${runId(plan[0])}] finished with these flags: skipped`);
    expect(plan.map((run) => statSync(recordPath(out, run)).mtimeMs)).toEqual(mtimes);
    expect(parseSummary(JSON.parse(readFileSync(summaryPath(out), 'utf8'))).groups).toEqual(summary.groups);
    // The page's summary is never touched by a quick run.
    expect(existsSync('experiments/summary.json') ? statSync('experiments/summary.json').mtimeMs : 0).toBe(summaryBefore);
  }, 300_000);
});
