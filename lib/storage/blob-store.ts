/** What a stored blob looks like from outside. */
export interface BlobInfo {
  /** The key (path) inside the store, e.g. `models/cnn/3f2a9c0d1e4b5a6f/model.json`. */
  key: string;
  /** URL a browser can fetch it from: absolute for Vercel Blob, same-origin (`/blob/…`) for the local store. */
  url: string;
  size: number;
  contentType: string;
  /** Cache-Control header the blob is served with. */
  cacheControl: string;
  /** Strong validator for HTTP caching. */
  etag: string;
  uploadedAt: Date;
}

/** One entry of {@link BlobStore.list}: Vercel Blob's listing carries no content type or cache header. */
export type BlobSummary = Omit<BlobInfo, 'contentType' | 'cacheControl'>;

/**
 * How long clients may cache a blob.
 * - `immutable`: the key names its content (a hash is part of it), so it is cached for a year.
 * - `revalidate`: the content under the key can change (the manifest), so clients check back.
 */
export type CachePolicy = 'immutable' | 'revalidate';

export interface PutOptions {
  contentType: string;
  cache: CachePolicy;
}

/** What {@link BlobStore.putIfAbsent} did: `created` is false when the key already held a blob. */
export interface PutIfAbsentResult {
  created: boolean;
  /** The blob now under the key: the new one, or the one that was already there. */
  info: BlobInfo;
}

/**
 * Minimal blob storage the app needs. Two drivers implement it: the local
 * filesystem (default) and Vercel Blob. `put` replaces an existing blob; `putIfAbsent`
 * never does, and of concurrent writers of one key exactly one creates it.
 * Every method rejects an unsafe key with `InvalidBlobKeyError` (see `keys.ts`).
 */
export interface BlobStore {
  /** Which driver this is, for logs and the UI. */
  readonly driver: 'local' | 'vercel';
  put(key: string, body: Uint8Array, options: PutOptions): Promise<BlobInfo>;
  /** Stores the blob unless the key already holds one, which is then left untouched. */
  putIfAbsent(key: string, body: Uint8Array, options: PutOptions): Promise<PutIfAbsentResult>;
  /** The bytes and info of a blob, or null when the key does not exist. */
  get(key: string): Promise<{ info: BlobInfo; body: Uint8Array } | null>;
  /** The info of a blob, or null when the key does not exist. */
  head(key: string): Promise<BlobInfo | null>;
  /** Every blob whose key starts with `prefix`, sorted by key. */
  list(prefix: string): Promise<BlobSummary[]>;
  /** Removes a blob; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}
