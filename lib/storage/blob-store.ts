/** What a stored blob looks like from outside. */
export interface BlobInfo {
  /** The key (path) inside the store, e.g. `models/cnn/model.3f2a….json`. */
  key: string;
  /** Public URL a browser can fetch it from. */
  url: string;
  size: number;
  contentType: string;
  /** Strong validator for HTTP caching. */
  etag: string;
  uploadedAt: Date;
}

export interface PutOptions {
  contentType: string;
  /** Cache-Control header the store should serve the blob with. */
  cacheControl?: string;
}

/**
 * Minimal blob storage the app needs. Two drivers implement it: the local
 * filesystem (default) and Vercel Blob.
 */
export interface BlobStore {
  /** Which driver this is, for logs and the UI. */
  readonly driver: 'local' | 'vercel';
  put(key: string, body: Uint8Array, options: PutOptions): Promise<BlobInfo>;
  /** The bytes and info of a blob, or null when the key does not exist. */
  get(key: string): Promise<{ info: BlobInfo; body: Uint8Array } | null>;
  /** The info of a blob, or null when the key does not exist. */
  head(key: string): Promise<BlobInfo | null>;
  /** Every blob whose key starts with `prefix`. */
  list(prefix: string): Promise<BlobInfo[]>;
  delete(key: string): Promise<void>;
}
