import type { BlobStore } from '../blob-store';

/** A store that records the keys it is asked to write and can fail the n-th write (1-based). */
export function recordingStore(inner: BlobStore, options: { failOnPut?: number } = {}): BlobStore & { puts: string[] } {
  const puts: string[] = [];
  return {
    driver: inner.driver,
    puts,
    async put(key, body, putOptions) {
      puts.push(key);
      if (puts.length === options.failOnPut) throw new Error(`injected failure writing ${key}`);
      return inner.put(key, body, putOptions);
    },
    get: (key) => inner.get(key),
    head: (key) => inner.head(key),
    list: (prefix) => inner.list(prefix),
    delete: (key) => inner.delete(key),
  };
}
