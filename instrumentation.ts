/**
 * Next.js calls register() once when a server process starts: say which blob store this process
 * uses, and fail fast on a malformed environment variable.
 */
export async function register(): Promise<void> {
  // Inside the condition so the edge bundle never pulls in the Node-only storage drivers.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { readEnv } = await import('@/lib/env');
    const { describeBlobStore } = await import('@/lib/storage/create-store');
    console.info(`[storage] ${describeBlobStore(readEnv())}`);
  }
}
