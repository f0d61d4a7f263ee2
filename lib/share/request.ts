import { validateShare, type Share, type ShareValidationError } from './schema';

/** Largest accepted body of `POST /api/share`; a valid share is about 2 KB. */
export const MAX_SHARE_BODY_BYTES = 16 * 1024;

export type ShareRequestResult = { ok: true; share: Share } | ({ ok: false; status: 400 | 413 } & ShareValidationError);

/**
 * Reads and validates the body of `POST /api/share`: 413 when Content-Length or the bytes
 * actually sent exceed {@link MAX_SHARE_BODY_BYTES} (reading stops there), 400 for a body that is
 * not UTF-8 JSON or not a valid share (naming the field), or whose upload broke off (the client
 * is gone: nothing to log).
 */
export async function parseShareRequest(request: Request): Promise<ShareRequestResult> {
  const tooLarge = { ok: false, status: 413, field: null, error: `Body exceeds ${MAX_SHARE_BODY_BYTES} bytes` } as const;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_SHARE_BODY_BYTES) return tooLarge;
  let bytes: Uint8Array | null;
  try {
    bytes = await readAtMost(request, MAX_SHARE_BODY_BYTES);
  } catch {
    return { ok: false, status: 400, field: null, error: 'The upload was interrupted' };
  }
  if (!bytes) return tooLarge;

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, status: 400, field: null, error: 'Body is not valid JSON' };
  }
  const result = validateShare(json);
  return result.ok ? result : { ...result, status: 400 };
}

/** The body's bytes, or null as soon as more than `limit` arrive (the rest is never read). */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
