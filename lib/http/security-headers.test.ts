import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, SECURITY_HEADERS, vercelBlobOrigin, workerContentSecurityPolicy } from './security-headers';

/** The directives of a policy as name → sources. */
const parse = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('contentSecurityPolicy', () => {
  it('allows only nonce-bearing scripts and what they load, plus WebAssembly compilation', () => {
    const csp = parse(contentSecurityPolicy({ scripts: { nonce: 'abc' } }));
    expect(csp['script-src']).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'", "'wasm-unsafe-eval'"]);
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['script-src']).not.toContain("'unsafe-eval'");
  });

  it('on a page served as built, allows its inline scripts by hash and script files of this origin', () => {
    const csp = parse(contentSecurityPolicy({ scripts: { hashes: ['sha256-AAA=', 'sha256-BBB='] } }));
    expect(csp['script-src']).toEqual(["'self'", "'sha256-AAA='", "'sha256-BBB='", "'wasm-unsafe-eval'"]);
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
  });

  it('forbids framing, plugins and <base>, and keeps workers and connections on this origin', () => {
    const csp = parse(contentSecurityPolicy({ scripts: { nonce: 'abc' } }));
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['worker-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
  });

  it('adds the blob origin to connect-src, and unsafe-eval only in development', () => {
    const csp = parse(
      contentSecurityPolicy({ scripts: { nonce: 'n' }, blobOrigin: 'https://abc.public.blob.vercel-storage.com', development: true }),
    );
    expect(csp['connect-src']).toEqual(["'self'", 'https://abc.public.blob.vercel-storage.com']);
    expect(csp['script-src']).toContain("'unsafe-eval'");
  });
});

describe('workerContentSecurityPolicy', () => {
  it('lets the worker load its chunks, compile WebAssembly and fetch model files, and nothing else', () => {
    const csp = parse(workerContentSecurityPolicy({ blobOrigin: 'https://abc.public.blob.vercel-storage.com' }));
    expect(csp['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp['connect-src']).toEqual(["'self'", 'https://abc.public.blob.vercel-storage.com']);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(parse(workerContentSecurityPolicy({}))['connect-src']).toEqual(["'self'"]);
  });
});

describe('createNonce', () => {
  it('gives 128 random bits in base64, different each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('vercelBlobOrigin', () => {
  it('derives the store origin from a read-write token', () => {
    expect(vercelBlobOrigin('vercel_blob_rw_AbC123_secretpart')).toBe('https://abc123.public.blob.vercel-storage.com');
    expect(vercelBlobOrigin(undefined)).toBeUndefined();
    expect(vercelBlobOrigin('vercel_blob_rw_bad-id!_x')).toBeUndefined();
  });
});

describe('SECURITY_HEADERS', () => {
  it('forbid sniffing and framing and trim referrers', () => {
    expect(Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value]))).toEqual({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
  });
});
