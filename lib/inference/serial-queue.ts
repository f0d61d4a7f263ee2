/**
 * One task at a time, in the order asked: the engine runs every public call through one queue, so a
 * backend switch never interleaves with a prediction. A failed task does not stop the ones after it.
 */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    // `tail.then(undefined)` would resolve to undefined without running anything. A dev bundle once
    // passed undefined here (React Refresh around a `use…` call: see eslint.config.mjs); fail loudly.
    if (typeof task !== 'function') return Promise.reject(new TypeError(`SerialQueue: no task to run (got ${typeof task})`));
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * One real turn of the event loop. tfjs work otherwise resolves in microtasks, so a long run of
 * queued turns would starve the worker's messages: requests that arrived meanwhile could not queue.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
