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
