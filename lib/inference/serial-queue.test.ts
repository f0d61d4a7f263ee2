import { describe, expect, it } from 'vitest';
import { createSerialQueue, yieldToEventLoop } from './serial-queue';

describe('createSerialQueue', () => {
  it('runs one task at a time, in the order they were queued', async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const task = (name: string, ticks: number) => async () => {
      log.push(`${name} start`);
      for (let i = 0; i < ticks; i++) await yieldToEventLoop();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([queue(task('a', 3)), queue(task('b', 0)), queue(task('c', 1))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('keeps going after a failed task, whose caller gets the failure', async () => {
    const queue = createSerialQueue();
    const failed = queue(async () => {
      throw new Error('boom');
    });
    const next = queue(async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('rejects a missing task instead of resolving to undefined', async () => {
    const queue = createSerialQueue();
    await expect(queue(undefined as unknown as () => Promise<number>)).rejects.toThrow(TypeError);
  });
});

describe('the background lane', () => {
  it('runs only when no foreground task waits, in its own order', async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(name);
      await yieldToEventLoop();
      return name;
    };
    const done = [queue.background(task('race 1')), queue.background(task('race 2')), queue(task('predict'))];
    // Asked while 'predict' runs: it goes before the second background step.
    await yieldToEventLoop();
    done.push(queue(task('sweep')));
    await Promise.all(done);
    expect(log).toEqual(['predict', 'sweep', 'race 1', 'race 2']);
  });

  it('lets a foreground task in between two background steps', async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const first = queue.background(async () => {
      log.push('race 1');
      await yieldToEventLoop();
    });
    const second = queue.background(async () => void log.push('race 2'));
    await yieldToEventLoop();
    const predict = queue(async () => void log.push('predict'));
    await Promise.all([first, second, predict]);
    expect(log).toEqual(['race 1', 'predict', 'race 2']);
  });

  it('keeps going after a failed background task', async () => {
    const queue = createSerialQueue();
    const failed = queue.background(async () => {
      throw new Error('no adapter');
    });
    await expect(failed).rejects.toThrow('no adapter');
    await expect(queue.background(async () => 'next')).resolves.toBe('next');
  });

  it('says how long the foreground lane has been quiet, 0 while it works', async () => {
    const queue = createSerialQueue();
    let release = () => {};
    const busy = queue(() => new Promise<void>((resolve) => (release = resolve)));
    const idle = queue.background(async () => queue.quietFor());
    await yieldToEventLoop();
    expect(queue.quietFor()).toBe(0);
    release();
    await busy;
    await expect(idle).resolves.toBeLessThan(50); // the background task ran right after
    await new Promise((r) => setTimeout(r, 30));
    expect(queue.quietFor()).toBeGreaterThanOrEqual(25);
  });
});
