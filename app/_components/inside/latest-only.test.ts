import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only';

/** A run whose calls finish when the test says so. */
function controlledRuns() {
  const started: string[] = [];
  const finish: Array<(v: string) => void> = [];
  const run = (r: string) =>
    new Promise<string>((resolve, reject) => {
      started.push(r);
      finish.push((v) => (v === 'fail' ? reject(new Error(r)) : resolve(v)));
    });
  return { started, finish, run };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('latestOnly', () => {
  it('runs one at a time and, of the requests made meanwhile, only the newest', async () => {
    const { started, finish, run } = controlledRuns();
    const settled: string[] = [];
    const runner = latestOnly({ run, key: (r) => r, settle: (r, o) => settled.push(`${r}:${o.ok ? o.value : 'error'}`) });
    runner.request('a');
    runner.request('b');
    runner.request('c');
    runner.request('a'); // the running one: dropped, and it is the newest again, so c is dropped too
    expect(started).toEqual(['a']);
    finish[0]('A');
    await tick();
    expect(started).toEqual(['a']);
    runner.request('d');
    runner.request('e');
    await tick();
    expect(started).toEqual(['a', 'd']);
    finish[1]('fail');
    await tick();
    expect(started).toEqual(['a', 'd', 'e']);
    finish[2]('E');
    await tick();
    expect(settled).toEqual(['a:A', 'd:error', 'e:E']);
  });

  it('skips a request already answered, and settles nothing once closed', async () => {
    const { started, finish, run } = controlledRuns();
    const settled: string[] = [];
    const runner = latestOnly({ run, key: (r) => r, skip: (r) => r === 'done', settle: (r) => settled.push(r) });
    runner.request('done');
    await tick();
    expect(started).toEqual([]);
    runner.request('x');
    runner.close();
    finish[0]('X');
    await tick();
    runner.request('y');
    expect(started).toEqual(['x']);
    expect(settled).toEqual([]);
  });
});
