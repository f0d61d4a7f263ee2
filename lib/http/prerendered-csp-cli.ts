import nextConfig from '../../next.config.mjs';
import { readEnv } from '@/lib/env';
import { PRERENDERED_PAGES } from './prerendered-pages';
import { writePrerenderedPolicy } from './prerendered-csp';
import { contentSecurityPolicy, vercelBlobOrigin } from './security-headers';

/**
 * The second half of `npm run build`: gives each page served as built its Content-Security-Policy,
 * with its inline scripts' hashes. The blob origin is the build environment's, as on Vercel, where
 * a changed variable takes a new deployment.
 */
async function main(): Promise<void> {
  const blobOrigin = vercelBlobOrigin(readEnv().BLOB_READ_WRITE_TOKEN);
  for (const page of PRERENDERED_PAGES) {
    const { hashes } = await writePrerenderedPolicy(nextConfig.distDir, page, (scriptHashes) =>
      contentSecurityPolicy({ scripts: { hashes: scriptHashes }, blobOrigin }),
    );
    console.log(`[csp] ${page}: ${hashes.length} inline scripts admitted by hash`);
  }
}

main().catch((error: unknown) => {
  console.error(`[csp] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
