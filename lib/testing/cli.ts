import { spawnSync } from 'node:child_process';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** User + system CPU seconds: a stable budget on a shared machine, where wall time depends on the neighbours. */
  cpuSeconds: number;
}

/** Runs `npx tsx <script> <args>` under bash's `time` (args as a shell string), waiting at most `timeoutMs`. */
export function runCli(script: string, args: string, timeoutMs: number): CliRun {
  const run = spawnSync('bash', ['-c', `TIMEFORMAT='cpu %U %S'; time npx tsx ${script} ${args}`], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const [, user, sys] = /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr) ?? [];
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, cpuSeconds: Number(user) + Number(sys) };
}
