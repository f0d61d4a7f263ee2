/**
 * One task at a time: the engine runs every public call through one queue, so a backend switch
 * never interleaves with a prediction. A failed task does not stop the ones after it.
 *
 * Two lanes: foreground tasks run in the order asked; background tasks (the warm-up race, one timed
 * run each) run only when no foreground task is waiting, so idle-time measuring never holds up a
 * prediction for more than the one step already running.
 */
export interface SerialQueue {
  <T>(task: () => Promise<T>): Promise<T>;
  /** Runs `task` once no foreground task is waiting; background tasks keep their own order. */
  background<T>(task: () => Promise<T>): Promise<T>;
  /** ms since the last foreground task ended; 0 while one is queued or running. */
  quietFor(): number;
}

type Job = () => Promise<void>;

export function createSerialQueue(): SerialQueue {
  const foreground: Job[] = [];
  const background: Job[] = [];
  let running = false;
  let foregroundBusy = 0;
  let lastForegroundEnd = performance.now();

  const pump = async () => {
    running = true;
    for (let job = foreground.shift() ?? background.shift(); job; job = foreground.shift() ?? background.shift()) await job();
    running = false;
  };

  const enqueue =
    (lane: Job[]) =>
    <T>(task: () => Promise<T>): Promise<T> => {
      const counts = lane === foreground;
      // A dev bundle once passed undefined here (React Refresh around a `use…` call: see
      // eslint.config.mjs); fail loudly rather than resolve to nothing.
      if (typeof task !== 'function') return Promise.reject(new TypeError(`SerialQueue: no task to run (got ${typeof task})`));
      if (counts) foregroundBusy++;
      return new Promise<T>((resolve, reject) => {
        lane.push(() =>
          task()
            .then(resolve, reject)
            .finally(() => {
              if (!counts) return;
              foregroundBusy--;
              lastForegroundEnd = performance.now();
            }),
        );
        // Started in a microtask, never inside the caller's own stack.
        if (!running) {
          running = true;
          queueMicrotask(() => void pump());
        }
      });
    };

  return Object.assign(enqueue(foreground), {
    background: enqueue(background),
    quietFor: () => (foregroundBusy > 0 ? 0 : performance.now() - lastForegroundEnd),
  });
}

/**
 * One real turn of the event loop. tfjs work otherwise resolves in microtasks, so a long run of
 * queued turns would starve the worker's messages: requests that arrived meanwhile could not queue.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
