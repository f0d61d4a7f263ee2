/**
 * Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, so tfjs-wasm runs its
 * threaded build. Only the engine harness opts in, with `?isolated=1`, so the bench and the e2e
 * suite can measure and check that configuration; the lab itself is not isolated.
 */
const CROSS_ORIGIN_ISOLATION = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/dev/engine', has: [{ type: 'query', key: 'isolated', value: '1' }], headers: CROSS_ORIGIN_ISOLATION },
      // An isolated page's worker script must carry COEP too; only requests made by that page do.
      { source: '/_next/static/:path*', has: [{ type: 'header', key: 'referer', value: '.*[?&]isolated=1.*' }], headers: CROSS_ORIGIN_ISOLATION.slice(1) },
    ];
  },
};

export default nextConfig;
