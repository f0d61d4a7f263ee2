/**
 * A bundled worker's chunks, fetched all at once. Turbopack starts a worker from
 * `turbopack-worker-<hash>.js#params=<JSON>` (or `?params=`) whose first entry lists the worker's
 * chunks; the worker loads them with importScripts, which Chromium fetches one after another — at
 * 1.6 Mbit/s and 150 ms a waterfall here showed a 2.5 s chain (1.4 s once fetched in parallel). Fetching the
 * chunks from the page in parallel fills the HTTP cache (they are immutable), so the worker's own
 * requests find them. Any other URL shape (another bundler, `next dev`) gives no chunks: a no-op.
 */

/** The same-origin chunk URLs named in a bundled worker's URL, in load order; [] when there are none. */
export function workerChunkUrls(workerUrl: URL): string[] {
  const hash = workerUrl.hash.startsWith('#params=') ? workerUrl.hash.slice('#params='.length) : null;
  const raw = workerUrl.searchParams.get('params') ?? (hash === null ? null : safeDecode(hash));
  if (!raw) return [];
  let params: unknown;
  try {
    params = JSON.parse(raw);
  } catch {
    return [];
  }
  const chunks: unknown[] = Array.isArray(params) && Array.isArray(params[0]) ? params[0] : [];
  return chunks
    .filter((chunk): chunk is string => typeof chunk === 'string')
    .map((chunk) => new URL(chunk, workerUrl.origin))
    .filter((url) => url.origin === workerUrl.origin)
    .map(String);
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Runs `start` (a `new Worker(new URL('./x.ts', import.meta.url), …)` expression, which the bundler
 * rewrites to its bootstrap URL — a URL the page's code cannot otherwise see) with the global
 * Worker constructor wrapped for that one synchronous call, so the chunks its URL names are
 * prefetched as the worker starts.
 */
export function startWithChunkPrefetch(start: () => Worker): Worker {
  const Original = globalThis.Worker;
  globalThis.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      // A prefetch is only a head start: nothing about it may stop the worker itself.
      try {
        prefetchWorkerChunks(new URL(String(url), globalThis.location?.href));
      } catch {}
      super(url, options);
    }
  };
  try {
    return start();
  } finally {
    globalThis.Worker = Original;
  }
}

/** Starts fetching the worker's chunks in parallel (bodies read to the end so the cache keeps them); never throws. */
export function prefetchWorkerChunks(workerUrl: URL, fetchImpl: typeof fetch = fetch): void {
  for (const url of workerChunkUrls(workerUrl)) {
    fetchImpl(url)
      .then((response) => response.arrayBuffer())
      .catch(() => undefined);
  }
}
