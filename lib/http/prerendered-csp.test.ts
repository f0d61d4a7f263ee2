import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, prerenderedFiles, writePrerenderedPolicy } from './prerendered-csp';

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

describe('inlineScriptHashes', () => {
  it('hashes the exact text of each inline script, once each, in order, and skips script files', () => {
    const payload = 'self.__next_f.push([1,"a\\u003cb"])';
    const html = `<html><head><script src="/_next/static/chunks/a.js" async=""></script><script>${payload}</script></head>
      <body><script id="x" type="text/javascript">\n  boot();\n</script><script>${payload}</script><SCRIPT>upper()</SCRIPT></body></html>`;
    expect(inlineScriptHashes(html)).toEqual([sha256(payload), sha256('\n  boot();\n'), sha256('upper()')]);
  });

  it('finds none in a page without inline scripts', () => {
    expect(inlineScriptHashes('<p>no scripts</p><script src="/a.js"></script>')).toEqual([]);
  });
});

describe('writePrerenderedPolicy', () => {
  async function build(page: string, html: string, meta: unknown): Promise<string> {
    const distDir = await mkdtemp(path.join(tmpdir(), 'wsl-prerendered-'));
    const files = prerenderedFiles(distDir, page);
    await mkdir(path.dirname(files.html), { recursive: true });
    await writeFile(files.html, html);
    await writeFile(files.meta, JSON.stringify(meta));
    return distDir;
  }

  it("writes the policy of the page's hashes into its .meta headers, keeping Next.js's own, and again replaces it", async () => {
    const distDir = await build('/', '<script>one()</script>', {
      status: 200,
      headers: { 'x-nextjs-prerender': '1' },
      segmentPaths: ['/_tree'],
    });
    const { hashes } = await writePrerenderedPolicy(distDir, '/', (h) => `script-src ${h.join(' ')}`);
    expect(hashes).toEqual([sha256('one()')]);
    const meta = JSON.parse(await readFile(path.join(distDir, 'server/app/index.meta'), 'utf8'));
    expect(meta).toEqual({
      status: 200,
      headers: { 'x-nextjs-prerender': '1', 'content-security-policy': `script-src ${sha256('one()')}` },
      segmentPaths: ['/_tree'],
    });
    await writePrerenderedPolicy(distDir, '/', () => 'second');
    expect(JSON.parse(await readFile(path.join(distDir, 'server/app/index.meta'), 'utf8')).headers['content-security-policy']).toBe(
      'second',
    );
  });

  it('names the page when the build did not prerender it, and a .meta it cannot read', async () => {
    const distDir = await build('/', '<script>one()</script>', { headers: 'not an object' });
    await expect(writePrerenderedPolicy(distDir, '/about', () => '')).rejects.toThrow(/^\/about was not prerendered by the build in /);
    await expect(writePrerenderedPolicy(distDir, '/', () => '')).rejects.toThrow(/headers/);
  });
});
