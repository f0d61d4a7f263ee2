// The type of next.config.mjs, for the scripts that read it (lib/http/prerendered-csp-cli.ts).
import type { NextConfig } from 'next';

declare const nextConfig: NextConfig & { distDir: string };
export default nextConfig;
