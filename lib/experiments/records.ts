import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { runId, type PlannedRun } from './plan';
import { parseSummary, runRecordSchema, type RunRecord, type Summary } from './schema';
import { summarise } from './summarise';

/** `<out>/runs/<group>/<key>.json` */
export function recordPath(out: string, run: Pick<PlannedRun, 'group' | 'key'>): string {
  return path.join(out, 'runs', run.group, `${run.key}.json`);
}

/** `<out>/summary.json` */
export function summaryPath(out: string): string {
  return path.join(out, 'summary.json');
}

/** Writes through a temporary file and a rename, so a reader (or a parallel process) never sees half a file. */
async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 1) + '\n');
  await rename(tmp, file);
}

/** The run's finished record, or null when there is none, it does not parse, or it was made with other flags. */
export async function readFinishedRecord(out: string, run: PlannedRun): Promise<RunRecord | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(recordPath(out, run), 'utf8'));
  } catch {
    return null;
  }
  const parsed = runRecordSchema.safeParse(json);
  return parsed.success && isDeepStrictEqual(parsed.data.flags, run.flags) ? parsed.data : null;
}

export async function writeRecord(out: string, run: PlannedRun, record: RunRecord): Promise<void> {
  await writeJsonAtomically(recordPath(out, run), runRecordSchema.parse(record));
}

/** Summarises every finished run of `plan` found under `out` into `<out>/summary.json` (validated before it is written). */
export async function writeSummary(out: string, plan: readonly PlannedRun[], quick: boolean): Promise<Summary> {
  const records = new Map<string, RunRecord>();
  for (const run of plan) {
    const record = await readFinishedRecord(out, run);
    if (record) records.set(runId(run), record);
  }
  const summary = parseSummary(summarise(plan, records, quick, new Date().toISOString()), summaryPath(out));
  await writeJsonAtomically(summaryPath(out), summary);
  return summary;
}
