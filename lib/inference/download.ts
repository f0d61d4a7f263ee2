/**
 * Model downloads: every file streamed with byte progress, then checked against the manifest's size
 * and sha256 before anything is built from it.
 */
import { io } from '@tensorflow/tfjs-core';
import type { ModelId } from '@/lib/models/ids';
import { EngineError, errorMessage } from './errors';
import { entryBytes, type ManifestFile, type ManifestModelEntry } from './types';

/** The verified bytes of one model: model.json parsed, weight buffers in manifest order. */
export interface VerifiedModelFiles {
  modelId: ModelId;
  modelJson: io.ModelJSON;
  weights: ArrayBuffer[];
  /** From the start of the download to the last file verified, ms. */
  downloadMs: number;
}

/** The part of `fetch` the loader uses (injectable for tests). */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

/** Lowercase hex sha256 of `bytes`, asynchronously by SubtleCrypto (browsers, workers, Node ≥ 20); Node code has lib/storage/hash. */
export async function digestSha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The bytes a gzip stream inflates to (DecompressionStream: browsers, workers, Node ≥ 18). */
export async function gunzip(bytes: ArrayBuffer): Promise<ArrayBuffer> {
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}

/**
 * Downloads one file as a stream, reporting every chunk through `onBytes(delta)`, then checks its
 * size and sha256 against the manifest, and inflates it when it is stored gzip-compressed. Throws
 * EngineError 'download' (network/HTTP/truncated), 'integrity' (wrong size or hash, or a stored
 * file that does not inflate to its size), naming the file, or 'cancelled' once `signal` aborts.
 */
export async function fetchVerified(
  file: ManifestFile,
  /** The model the file belongs to, named in errors (none for the training digits). */
  modelId: ModelId | undefined,
  onBytes: (delta: number) => void,
  fetchImpl: FetchLike = (url, init) => fetch(url, init),
  signal?: AbortSignal,
): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetchImpl(file.url, { signal });
  } catch (e) {
    if (signal?.aborted) throw cancelledDownload(modelId, file.url);
    throw new EngineError({ code: 'download', modelId, file: file.url, message: `Could not download ${file.url}: ${errorMessage(e)}` });
  }
  if (!response.ok) {
    throw new EngineError({
      code: 'download',
      modelId,
      file: file.url,
      status: response.status,
      message: `Could not download ${file.url}: HTTP ${response.status}`,
    });
  }
  const bytes = await readBody(response, file, modelId, onBytes, signal);
  if (bytes.byteLength !== file.bytes) {
    throw new EngineError({
      code: 'integrity',
      modelId,
      file: file.url,
      message: `${file.url} has ${bytes.byteLength} bytes, the manifest says ${file.bytes}`,
    });
  }
  const hash = await digestSha256Hex(bytes);
  if (hash !== file.sha256.toLowerCase()) {
    throw new EngineError({
      code: 'integrity',
      modelId,
      file: file.url,
      message: `${file.url} failed its sha256 check (got ${hash.slice(0, 12)}…, expected ${file.sha256.slice(0, 12)}…)`,
    });
  }
  return file.inflatedBytes === undefined ? (bytes.buffer as ArrayBuffer) : inflate(bytes.buffer as ArrayBuffer, file, modelId);
}

/** A verified gzip-stored file's content, checked against the size the manifest gives it. */
async function inflate(stored: ArrayBuffer, file: ManifestFile, modelId: ModelId | undefined): Promise<ArrayBuffer> {
  let inflated: ArrayBuffer;
  try {
    inflated = await gunzip(stored);
  } catch (e) {
    throw new EngineError({ code: 'integrity', modelId, file: file.url, message: `${file.url} does not inflate: ${errorMessage(e)}` });
  }
  if (inflated.byteLength !== file.inflatedBytes) {
    throw new EngineError({
      code: 'integrity',
      modelId,
      file: file.url,
      message: `${file.url} inflates to ${inflated.byteLength} bytes, the manifest says ${file.inflatedBytes}`,
    });
  }
  return inflated;
}

/** Reads a response body chunk by chunk into one buffer sized from the manifest (grows if needed). */
async function readBody(
  response: Response,
  file: ManifestFile,
  modelId: ModelId | undefined,
  onBytes: (delta: number) => void,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  try {
    if (!response.body) {
      const whole = new Uint8Array(await response.arrayBuffer());
      onBytes(whole.byteLength);
      return whole;
    }
    const reader = response.body.getReader();
    let buffer = new Uint8Array(Math.max(file.bytes, 1));
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.byteLength > buffer.byteLength) {
        const grown = new Uint8Array(Math.max(buffer.byteLength * 2, length + value.byteLength));
        grown.set(buffer.subarray(0, length));
        buffer = grown;
      }
      buffer.set(value, length);
      length += value.byteLength;
      onBytes(value.byteLength);
    }
    // A copy of exactly `length` bytes: callers hand the buffer to tfjs, which reads all of it.
    return length === buffer.byteLength ? buffer : buffer.slice(0, length);
  } catch (e) {
    if (signal?.aborted) throw cancelledDownload(modelId, file.url);
    throw new EngineError({ code: 'download', modelId, file: file.url, message: `Download of ${file.url} broke off: ${errorMessage(e)}` });
  }
}

function cancelledDownload(modelId: ModelId | undefined, file?: string): EngineError {
  return new EngineError({
    code: 'cancelled',
    modelId,
    file,
    message: `The download of ${modelId ?? file} was cancelled: it is no longer wanted`,
  });
}

/**
 * Downloads and verifies every file of one model (model.json first, then the weights, in
 * parallel) and parses model.json. Nothing is built until every hash matched.
 */
export async function fetchModelFiles(
  entry: ManifestModelEntry,
  onBytes: (delta: number) => void,
  fetchImpl: FetchLike = (url, init) => fetch(url, init),
  signal?: AbortSignal,
): Promise<VerifiedModelFiles> {
  const t0 = performance.now();
  const [jsonBytes, ...weights] = await Promise.all(
    [entry.modelJson, ...entry.weights].map((f) => fetchVerified(f, entry.id, onBytes, fetchImpl, signal)),
  );
  let modelJson: io.ModelJSON;
  try {
    modelJson = JSON.parse(new TextDecoder().decode(jsonBytes)) as io.ModelJSON;
  } catch (e) {
    throw new EngineError({
      code: 'model',
      modelId: entry.id,
      file: entry.modelJson.url,
      message: `${entry.modelJson.url} is not valid JSON: ${errorMessage(e)}`,
    });
  }
  if (!modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
    throw new EngineError({
      code: 'model',
      modelId: entry.id,
      file: entry.modelJson.url,
      message: `${entry.modelJson.url} is not a tfjs layers model`,
    });
  }
  return { modelId: entry.id, modelJson, weights, downloadMs: performance.now() - t0 };
}

/**
 * The shortest time between two progress reports of one download (the first chunk and the last are
 * always reported): every report re-renders the lab's progress on the page, and a megabyte arriving
 * in network-sized chunks made hundreds of renders that competed with the download and the worker.
 */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Model downloads in the order that favours the first answer: one model at a time, the smallest of
 * those asked for first, so a small model's files never share the bandwidth with a large one's.
 * Every download after the first also waits for `holdBack` (the engine's first backend start), so
 * the backend's own binaries are not slowed down by weights that are not needed yet either.
 * Models that leave the screen give way ({@link keepOnly}).
 */
export class DownloadQueue {
  private readonly requests = new Map<ModelId, Promise<VerifiedModelFiles>>();
  private pending: { entry: ManifestModelEntry; start: () => void; cancel: (error: EngineError) => void }[] = [];
  private active: { id: ModelId; controller: AbortController } | null = null;
  private busy = false;
  private started = 0;

  constructor(
    private readonly fetchImpl: FetchLike,
    /** Bytes of `modelId` so far and its total, at most every {@link PROGRESS_INTERVAL_MS} and at the end; the first call (0 bytes) marks the download's start. */
    private readonly onBytes: (modelId: ModelId, loadedBytes: number, totalBytes: number) => void,
    private readonly holdBack: () => Promise<unknown> = () => Promise.resolve(),
  ) {}

  /** The verified files of `entry`, downloaded once (a failed or cancelled download is tried again on the next request). */
  request(entry: ManifestModelEntry): Promise<VerifiedModelFiles> {
    let request = this.requests.get(entry.id);
    if (!request) {
      request = new Promise<void>((start, cancel) => {
        this.pending.push({ entry, start, cancel });
        // Picked in a microtask: models asked for together are ranked together.
        queueMicrotask(() => this.next());
      }).then(() => this.download(entry));
      const forget = () => this.requests.delete(entry.id);
      request.catch(forget);
      this.requests.set(entry.id, request);
    }
    return request;
  }

  /**
   * Cancels every unfinished download of a model not in `ids` (the pair changed while it loaded):
   * one still queued never starts, the one under way is aborted, so the bandwidth goes to the models
   * wanted now. Their requests reject with EngineError 'cancelled'.
   */
  keepOnly(ids: readonly ModelId[]): void {
    const keep = new Set(ids);
    for (const p of this.pending) if (!keep.has(p.entry.id)) p.cancel(cancelledDownload(p.entry.id));
    this.pending = this.pending.filter((p) => keep.has(p.entry.id));
    if (this.active && !keep.has(this.active.id)) this.active.controller.abort();
  }

  private next(): void {
    if (this.busy || this.pending.length === 0) return;
    this.busy = true;
    this.pending.sort((a, b) => entryBytes(a.entry) - entryBytes(b.entry));
    this.pending.shift()!.start();
  }

  private async download(entry: ManifestModelEntry): Promise<VerifiedModelFiles> {
    const controller = new AbortController();
    this.active = { id: entry.id, controller };
    try {
      if (this.started++ > 0) await this.holdBack().catch(() => undefined);
      if (controller.signal.aborted) throw cancelledDownload(entry.id);
      const total = entryBytes(entry);
      let loaded = 0;
      let reportedAt = -Infinity;
      this.onBytes(entry.id, 0, total);
      return await fetchModelFiles(
        entry,
        (delta) => {
          loaded += delta;
          const now = performance.now();
          if (loaded < total && now - reportedAt < PROGRESS_INTERVAL_MS) return;
          reportedAt = now;
          this.onBytes(entry.id, loaded, total);
        },
        this.fetchImpl,
        controller.signal,
      );
    } finally {
      this.active = null;
      this.busy = false;
      this.next();
    }
  }
}
