import type { BlobStore } from '../blob-store';

/**
 * A store that records the keys it is asked to write (`put` and `putIfAbsent` alike), those it
 * really created, and its reads (`get <key>`, `head <key>`), and can fail the n-th write (1-based).
 */
export function recordingStore(
  inner: BlobStore,
  options: { failOnPut?: number } = {},
): BlobStore & { puts: string[]; created: string[]; reads: string[] } {
  const puts: string[] = [];
  const created: string[] = [];
  const reads: string[] = [];
  const record = (key: string) => {
    puts.push(key);
    if (puts.length === options.failOnPut) throw new Error(`injected failure writing ${key}`);
  };
  return {
    driver: inner.driver,
    puts,
    created,
    reads,
    async put(key, body, putOptions) {
      record(key);
      const info = await inner.put(key, body, putOptions);
      created.push(key);
      return info;
    },
    async putIfAbsent(key, body, putOptions) {
      record(key);
      const result = await inner.putIfAbsent(key, body, putOptions);
      if (result.created) created.push(key);
      return result;
    },
    get(key) {
      reads.push(`get ${key}`);
      return inner.get(key);
    },
    head(key) {
      reads.push(`head ${key}`);
      return inner.head(key);
    },
    list: (prefix) => inner.list(prefix),
    delete: (key) => inner.delete(key),
  };
}
