/** Headers every response gets (next.config.mjs): no framing, no MIME sniffing, no full-URL referrers. */
export const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // For browsers without CSP's frame-ancestors; the CSP says the same.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];

export interface CspOptions {
  /**
   * What admits the page's own scripts: on a page rendered per request, a nonce fresh per response
   * (Next.js puts it on every script it renders; it reads it from this header); on a page served as
   * built, the hashes of its inline scripts (lib/http/prerendered-csp.ts).
   */
  scripts: { nonce: string } | { hashes: readonly string[] };
  /** Origin the model files come from when it is not this site's (Vercel Blob's public host). */
  blobOrigin?: string;
  /** `next dev` evaluates code (React's server error stacks). */
  development?: boolean;
}

/**
 * The Content-Security-Policy the lab runs under:
 * - scripts: only those Next.js renders with the nonce and what they load (`strict-dynamic`); on a
 *   page served as built, its inline scripts by hash and script files of this origin (its chunk
 *   tags carry no nonce, so `strict-dynamic` would refuse them); and WebAssembly compilation
 *   (`wasm-unsafe-eval`: tfjs-wasm and the project's kernel);
 * - workers: the inference worker, a script of this origin;
 * - connections: this origin (manifest, shares, model files on the local store) and the blob
 *   origin (model files on Vercel Blob);
 * - styles: this origin and inline (`unsafe-inline`): Observable Plot writes `<style>` elements and
 *   style attributes into its SVG, which a nonce cannot cover;
 * - images: this origin, `data:` and `blob:` (uploads and canvases);
 * - nothing may frame the page (`frame-ancestors 'none'`), no plugins, no `<base>`, forms post here.
 */
export function contentSecurityPolicy({ scripts, blobOrigin, development = false }: CspOptions): string {
  const connect = ["'self'", ...(blobOrigin ? [blobOrigin] : [])];
  const admitted = 'nonce' in scripts ? [`'nonce-${scripts.nonce}'`, "'strict-dynamic'"] : scripts.hashes.map((hash) => `'${hash}'`);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...admitted, "'wasm-unsafe-eval'", ...(development ? ["'unsafe-eval'"] : [])],
    'worker-src': ["'self'"],
    'connect-src': connect,
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * The policy of the inference worker, sent with its script (a worker is governed by its own
 * script's headers, not the page's): its chunks and the tfjs-wasm binary from this origin,
 * WebAssembly compilation, model files from this origin or the blob origin; no eval.
 */
export function workerContentSecurityPolicy({ blobOrigin }: Pick<CspOptions, 'blobOrigin'>): string {
  const connect = ["'self'", ...(blobOrigin ? [blobOrigin] : [])].join(' ');
  return [
    `default-src 'self'`,
    `script-src 'self' 'wasm-unsafe-eval'`,
    `connect-src ${connect}`,
    `worker-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
  ].join('; ');
}

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The public origin of the Vercel Blob store a read-write token belongs to
 * (`vercel_blob_rw_<storeId>_<secret>` → `https://<storeId>.public.blob.vercel-storage.com`,
 * as `@vercel/blob` builds its URLs), or undefined without a token.
 */
export function vercelBlobOrigin(token: string | undefined): string | undefined {
  const storeId = token?.split('_')[3];
  return storeId && /^[A-Za-z0-9]+$/.test(storeId) ? `https://${storeId.toLowerCase()}.public.blob.vercel-storage.com` : undefined;
}
