/**
 * One request at a time, newest wins: while one runs, later requests replace each other, so
 * dragging a shift slider sends the position it stops at rather than queueing every step in the
 * worker. A request equal (by key) to the running or waiting one is dropped, and `skip` can drop
 * one that is already answered.
 */
export interface LatestOnly<T> {
  request(request: T): void;
  /** Stops: nothing more runs or settles. */
  close(): void;
}

export interface LatestOnlyOptions<T, R> {
  run(request: T): Promise<R>;
  settle(request: T, outcome: { ok: true; value: R } | { ok: false; error: unknown }): void;
  key(request: T): string;
  /** Checked just before a request runs. */
  skip?(request: T): boolean;
}

export function latestOnly<T, R>({ run, settle, key, skip }: LatestOnlyOptions<T, R>): LatestOnly<T> {
  let running: string | null = null;
  let waiting: T | null = null;
  let closed = false;

  async function drain(): Promise<void> {
    while (waiting !== null && !closed) {
      const request = waiting;
      waiting = null;
      if (skip?.(request)) continue;
      running = key(request);
      try {
        const value = await run(request);
        if (!closed) settle(request, { ok: true, value });
      } catch (error) {
        if (!closed) settle(request, { ok: false, error });
      }
    }
    running = null;
  }

  return {
    request(request) {
      if (closed || key(request) === running) {
        if (!closed) waiting = null; // the running one is the newest again
        return;
      }
      waiting = request;
      if (running === null) void drain();
    },
    close() {
      closed = true;
      waiting = null;
    },
  };
}
