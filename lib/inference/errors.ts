import type { ModelId } from '@/lib/models/ids';

/** What went wrong, so the UI can choose its message and whether to offer a retry. */
export type EngineErrorCode =
  /** A file could not be downloaded (network error, HTTP status, truncated body). Retryable. */
  | 'download'
  /** A file's bytes do not match the manifest's size or sha256. Retryable (the store may be mid-update). */
  | 'integrity'
  /** The model files downloaded but do not build into a model. */
  | 'model'
  /** A backend failed to initialise or run. */
  | 'backend'
  /** predict/sweep of a model not loaded yet, an unknown model, or an input of the wrong size. */
  | 'usage'
  /** The client was disposed (unmount, retry) before the call was answered, or the call came after. */
  | 'disposed'
  /** The caller cancelled it (a device benchmark's Cancel button). */
  | 'cancelled'
  /** The worker broke the protocol: it answered a call with nothing. */
  | 'worker';

/** Plain-object form of an {@link EngineError}; this is what crosses the worker boundary. */
export interface EngineErrorData {
  code: EngineErrorCode;
  message: string;
  modelId?: ModelId;
  /** URL of the file at fault (download/integrity). */
  file?: string;
  /** HTTP status of a failed download. */
  status?: number;
}

/** A typed engine failure: `code` says what kind, `file`/`modelId` say where. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly modelId?: ModelId;
  readonly file?: string;
  readonly status?: number;

  constructor(data: EngineErrorData) {
    super(data.message);
    this.name = 'EngineError';
    this.code = data.code;
    this.modelId = data.modelId;
    this.file = data.file;
    this.status = data.status;
  }

  /** Whether trying again may succeed (the UI shows a retry button for these). */
  get retryable(): boolean {
    return this.code === 'download' || this.code === 'integrity';
  }

  toData(): EngineErrorData {
    return { code: this.code, message: this.message, modelId: this.modelId, file: this.file, status: this.status };
  }
}

const MARK = '__engineError';

/**
 * Comlink forwards thrown Errors as plain `Error`s (name and message only), so the worker throws
 * this structured-clonable wrapper instead and the client turns it back into an EngineError.
 */
export function toTransferable(e: unknown): unknown {
  if (e instanceof EngineError) return { [MARK]: e.toData() };
  if (e instanceof Error) return { [MARK]: { code: 'backend', message: e.message } satisfies EngineErrorData };
  return e;
}

/** Inverse of {@link toTransferable}: anything the worker threw, as an EngineError when it was one. */
export function fromTransferable(e: unknown): unknown {
  if (typeof e === 'object' && e !== null && MARK in e) return new EngineError((e as Record<string, EngineErrorData>)[MARK]);
  return e;
}

/** The message of anything thrown (an Error's message, else its string form). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
