import { BlobNotFoundError, del, head, list, put } from '@vercel/blob';
import type { BlobInfo, BlobStore, BlobSummary, PutIfAbsentResult, PutOptions } from './blob-store';
import { IMMUTABLE_MAX_AGE_SECONDS, VERCEL_REVALIDATE_MAX_AGE_SECONDS } from './cache';
import { assertValidBlobKey, assertValidPrefix } from './keys';

export interface VercelBlobStoreOptions {
  /** Read-write token of the store (`BLOB_READ_WRITE_TOKEN`). */
  token: string;
  /** Blobs per list request; the API's maximum is 1000. */
  listPageSize?: number;
}

/**
 * Blob store on Vercel Blob. Blobs are public and keep the exact key as their pathname (no random
 * suffix): keys that must never change content carry a content hash instead. `@vercel/blob`
 * sends its API calls to `VERCEL_BLOB_API_URL` when set, which the tests point at a loopback server.
 */
export class VercelBlobStore implements BlobStore {
  readonly driver = 'vercel' as const;
  private readonly token: string;
  private readonly listPageSize: number;

  constructor({ token, listPageSize = 1000 }: VercelBlobStoreOptions) {
    this.token = token;
    this.listPageSize = listPageSize;
  }

  put(key: string, body: Uint8Array, options: PutOptions): Promise<BlobInfo> {
    return this.upload(key, body, options, true);
  }

  /** Vercel Blob refuses a put with `allowOverwrite: false` onto an existing pathname, atomically. */
  async putIfAbsent(key: string, body: Uint8Array, options: PutOptions): Promise<PutIfAbsentResult> {
    try {
      return { created: true, info: await this.upload(key, body, options, false) };
    } catch (error) {
      // The API answers "already exists" as a plain bad request: trust the blob, not the message.
      const existing = await this.head(key);
      if (existing) return { created: false, info: existing };
      throw error;
    }
  }

  private async upload(key: string, body: Uint8Array, options: PutOptions, allowOverwrite: boolean): Promise<BlobInfo> {
    assertValidBlobKey(key);
    const maxAge = options.cache === 'immutable' ? IMMUTABLE_MAX_AGE_SECONDS : VERCEL_REVALIDATE_MAX_AGE_SECONDS;
    const result = await put(key, Buffer.from(body.buffer, body.byteOffset, body.byteLength), {
      access: 'public',
      addRandomSuffix: false,
      allowOverwrite,
      contentType: options.contentType,
      cacheControlMaxAge: maxAge,
      token: this.token,
    });
    return {
      key: result.pathname,
      url: result.url,
      size: body.byteLength,
      contentType: result.contentType,
      cacheControl: `public, max-age=${maxAge}`,
      etag: result.etag,
      uploadedAt: new Date(),
    };
  }

  async get(key: string): Promise<{ info: BlobInfo; body: Uint8Array } | null> {
    const info = await this.head(key);
    if (!info) return null;
    // `get` of @vercel/blob only fetches from *.blob.vercel-storage.com; the public URL works anywhere.
    const response = await fetch(info.url);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`Vercel Blob: GET ${key} answered ${response.status}`);
    return { info, body: new Uint8Array(await response.arrayBuffer()) };
  }

  async head(key: string): Promise<BlobInfo | null> {
    assertValidBlobKey(key);
    try {
      const result = await head(key, { token: this.token });
      return {
        key: result.pathname,
        url: result.url,
        size: result.size,
        contentType: result.contentType,
        cacheControl: result.cacheControl,
        etag: result.etag,
        uploadedAt: result.uploadedAt,
      };
    } catch (error) {
      if (error instanceof BlobNotFoundError) return null;
      throw error;
    }
  }

  async list(prefix: string): Promise<BlobSummary[]> {
    assertValidPrefix(prefix);
    const found: BlobSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ prefix, cursor, limit: this.listPageSize, token: this.token });
      for (const blob of page.blobs) {
        found.push({ key: blob.pathname, url: blob.url, size: blob.size, etag: blob.etag, uploadedAt: blob.uploadedAt });
      }
      cursor = page.hasMore ? page.cursor : undefined;
    } while (cursor);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    assertValidBlobKey(key);
    await del(key, { token: this.token });
  }
}
