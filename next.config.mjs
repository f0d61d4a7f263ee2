/**
 * Cross-origin isolation (COOP + COEP): only the engine harness opts in, with `?isolated=1`, so an
 * e2e test can check the engine on an isolated page (where tfjs-wasm would otherwise pick its
 * threaded build; see lib/inference/backends.ts). The lab itself is not isolated. The static
 * chunks get COEP only when that page asks for them (by Referer), so open it in a fresh browser
 * context: a chunk cached from a plain page has no COEP and the worker would be blocked.
 */
const CROSS_ORIGIN_ISOLATION = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR gives the dev smoke test (playwright.dev.config.ts) its own output and `next dev`
  // lock, so it runs beside a developer's own `npm run dev` and never touches `.next/`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  reactCompiler: true,
  poweredByHeader: false,
  experimental: {
    // With a proxy (proxy.ts), Next.js keeps a copy of each request body it passes on, 10 MB by
    // default. No page reads a body (the JSON API is outside the proxy): keep that copy small.
    proxyClientMaxBodySize: '16kb',
  },
  async headers() {
    return [
      { source: '/dev/engine', has: [{ type: 'query', key: 'isolated', value: '1' }], headers: CROSS_ORIGIN_ISOLATION },
      // An isolated page's worker script must carry COEP too; only requests made by that page do.
      {
        source: '/_next/static/:path*',
        has: [{ type: 'header', key: 'referer', value: '.*[?&]isolated=1.*' }],
        headers: CROSS_ORIGIN_ISOLATION.slice(1),
      },
    ];
  },
};

export default nextConfig;
