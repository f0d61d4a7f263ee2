import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobInfo, BlobStore, BlobSummary, PutIfAbsentResult, PutOptions } from './blob-store';
import { CACHE_CONTROL } from './cache';
import { sha256Hex } from './hash';
import { assertValidBlobKey, assertValidPrefix } from './keys';

/** Path prefix of the route that serves the local store (`app/blob/[...key]/route.ts`). */
export const LOCAL_BLOB_URL_PREFIX = '/blob/';

/** What the sidecar `.<name>.meta.json` next to each blob file records. */
interface Sidecar {
  contentType: string;
  cacheControl: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/**
 * Blob store on the local filesystem: `<root>/<key>` holds the bytes, `<dir>/.<name>.meta.json`
 * the content type, cache header, size and hash. Both are written to a temp file and renamed
 * into place, data first and sidecar last: a blob exists once its sidecar does, so a crashed or
 * failed write is never visible and never leaves a partial file under a key.
 *
 * `putIfAbsent` is atomic within one server process (a queue per key); the local store is the
 * embedded setup's, served by one `next start`.
 */
export class LocalBlobStore implements BlobStore {
  readonly driver = 'local' as const;
  private readonly root: string;
  /** The last write queued on each key by `putIfAbsent`. */
  private readonly pending = new Map<string, Promise<unknown>>();

  /** @param root directory of the store; created on the first write. */
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(key: string, body: Uint8Array, options: PutOptions): Promise<BlobInfo> {
    assertValidBlobKey(key);
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const sidecar: Sidecar = {
      contentType: options.contentType,
      cacheControl: CACHE_CONTROL[options.cache],
      size: body.byteLength,
      sha256: sha256Hex(body),
      uploadedAt: new Date().toISOString(),
    };
    await writeAtomically(file, body);
    await writeAtomically(sidecarOf(file), JSON.stringify(sidecar));
    return this.infoOf(key, sidecar);
  }

  async putIfAbsent(key: string, body: Uint8Array, options: PutOptions): Promise<PutIfAbsentResult> {
    assertValidBlobKey(key);
    const previous = this.pending.get(key) ?? Promise.resolve();
    const attempt = previous.then(async (): Promise<PutIfAbsentResult> => {
      const existing = await this.head(key);
      return existing ? { created: false, info: existing } : { created: true, info: await this.put(key, body, options) };
    });
    const settled = attempt.catch(() => {});
    this.pending.set(key, settled);
    try {
      return await attempt;
    } finally {
      if (this.pending.get(key) === settled) this.pending.delete(key);
    }
  }

  async get(key: string): Promise<{ info: BlobInfo; body: Uint8Array } | null> {
    assertValidBlobKey(key);
    const sidecar = await this.readSidecar(key);
    if (!sidecar) return null;
    const body = await readOrNull(this.fileOf(key));
    return body ? { info: this.infoOf(key, sidecar), body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) } : null;
  }

  async head(key: string): Promise<BlobInfo | null> {
    assertValidBlobKey(key);
    const sidecar = await this.readSidecar(key);
    return sidecar ? this.infoOf(key, sidecar) : null;
  }

  async list(prefix: string): Promise<BlobSummary[]> {
    assertValidPrefix(prefix);
    // Walk only the deepest directory the prefix names in full.
    const dirKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys = (await this.keysUnder(dirKey)).filter((key) => key.startsWith(prefix)).sort();
    const found: BlobSummary[] = [];
    for (const key of keys) {
      const sidecar = await this.readSidecar(key);
      if (sidecar) {
        const { url, size, etag, uploadedAt } = this.infoOf(key, sidecar);
        found.push({ key, url, size, etag, uploadedAt });
      }
    }
    return found;
  }

  async delete(key: string): Promise<void> {
    assertValidBlobKey(key);
    const file = this.fileOf(key);
    // Sidecar first: the blob stops existing at once, the bytes follow.
    await rm(sidecarOf(file), { force: true });
    await rm(file, { force: true });
  }

  private fileOf(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }

  private infoOf(key: string, sidecar: Sidecar): BlobInfo {
    return {
      key,
      url: LOCAL_BLOB_URL_PREFIX + key,
      size: sidecar.size,
      contentType: sidecar.contentType,
      cacheControl: sidecar.cacheControl,
      etag: `"${sidecar.sha256}"`,
      uploadedAt: new Date(sidecar.uploadedAt),
    };
  }

  private async readSidecar(key: string): Promise<Sidecar | null> {
    const text = await readOrNull(sidecarOf(this.fileOf(key)));
    return text ? (JSON.parse(text.toString('utf8')) as Sidecar) : null;
  }

  /** Keys of every blob file below `dirKey` ('' = the root), skipping sidecars and temp files. */
  private async keysUnder(dirKey: string): Promise<string[]> {
    const dir = dirKey ? this.fileOf(dirKey) : this.root;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const key = dirKey ? `${dirKey}/${entry.name}` : entry.name;
      if (entry.isDirectory()) keys.push(...(await this.keysUnder(key)));
      else if (entry.isFile()) keys.push(key);
    }
    return keys;
  }
}

function sidecarOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.meta.json`);
}

/** Writes a hidden temp file beside `file`, then renames it over `file`; removes the temp file on failure. */
async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/**
 * ENOENT; ENOTDIR when a key runs through a file (`a/b` while `a` is a blob); ENAMETOOLONG on a
 * file system with shorter names than keys allow (such a file cannot exist there either).
 */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG';
}
