import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** A `<script>` element: its attributes and its text. Next.js writes them; none contains `</script>`. */
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** The CSP hash source (`sha256-<base64>`) of each distinct inline script of `html`, in order. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, text] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    hashes.add(`sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`);
  }
  return [...hashes];
}

/** What `next build` keeps beside a prerendered app page: the status and headers it is served with. */
const PrerenderMeta = z.looseObject({ headers: z.record(z.string(), z.string()).optional() });

/** A prerendered app page's HTML and `.meta` files in the build output (`/` → `index`). */
export function prerenderedFiles(distDir: string, page: string): { html: string; meta: string } {
  const base = path.join(distDir, 'server', 'app', page === '/' ? 'index' : page.replace(/^\//, ''));
  return { html: `${base}.html`, meta: `${base}.meta` };
}

/**
 * Writes into a prerendered page's `.meta` the Content-Security-Policy `policyFor` makes of its
 * inline scripts' hashes, so that `next start` (and a platform deploying the build) serves it with
 * the page. Run after every build: the hashes change with the page.
 * @throws naming the page when the build did not prerender it.
 */
export async function writePrerenderedPolicy(
  distDir: string,
  page: string,
  policyFor: (hashes: readonly string[]) => string,
): Promise<{ hashes: readonly string[] }> {
  const files = prerenderedFiles(distDir, page);
  const [html, metaText] = await Promise.all([readFile(files.html, 'utf8'), readFile(files.meta, 'utf8')]).catch((error: unknown) => {
    throw new Error(`${page} was not prerendered by the build in ${distDir} (${(error as Error).message})`);
  });
  const meta = PrerenderMeta.parse(JSON.parse(metaText));
  const hashes = inlineScriptHashes(html);
  meta.headers = { ...meta.headers, 'content-security-policy': policyFor(hashes) };
  await writeFile(files.meta, `${JSON.stringify(meta, null, 2)}\n`);
  return { hashes };
}
