/**
 * Next.js calls register() once when a server process starts: refuse the requests Next.js itself
 * would answer with a 500, say which blob store and share limit this process uses, and fail fast
 * on a malformed environment variable.
 */
export async function register(): Promise<void> {
  // Inside the condition so the edge bundle never pulls in the Node-only modules.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installRequestGuard } = await import('@/lib/http/node-guard');
    installRequestGuard();
    const { readEnv } = await import('@/lib/env');
    const { describeBlobStore } = await import('@/lib/storage/create-store');
    const { describeShareRateLimit } = await import('@/lib/ratelimit/limiter');
    const env = readEnv();
    console.info(`[storage] ${describeBlobStore(env)}`);
    console.info(`[ratelimit] ${describeShareRateLimit(env)}`);
  }
}
