import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installRequestGuard } from './node-guard';
import { rawRequest } from './testing/raw-request';

let server: Server;
let port: number;
let uninstall: () => void;
const reached: string[] = [];

/** Sends a raw request line to the test server and returns the status, head and body of the answer. */
async function raw(requestLine: string): Promise<{ status: number; head: string; body: string }> {
  const response = (await rawRequest(port, requestLine))!;
  const head = Object.entries(response.headers)
    .map(([name, value]) => `\r\n${name}: ${value}`)
    .join('');
  return { status: response.status, head: `${head}\r\n`, body: response.body };
}

beforeAll(async () => {
  uninstall = installRequestGuard();
  // Stands in for Next.js: it throws on what the guard should stop, like Next.js does.
  server = createServer((request, response) => {
    reached.push(`${request.method} ${request.url}`);
    if (request.method === 'TRACE' || !request.url!.startsWith('/')) throw new Error('should not get here');
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  uninstall();
  await new Promise((resolve) => server.close(resolve));
});

describe('installRequestGuard', () => {
  it('answers TRACE with 405 and Allow before the app sees it (Node itself refuses TRACK with 400)', async () => {
    expect((await raw('TRACK /blob/x HTTP/1.1')).status).toBe(400);
    for (const line of ['TRACE / HTTP/1.1', 'TRACE /api/share HTTP/1.1', 'trace /s/x HTTP/1.1'.replace('trace', 'TRACE')]) {
      const { status, head, body } = await raw(line);
      expect(status, line).toBe(405);
      expect(head).toMatch(/\r\nallow: GET, HEAD, POST, OPTIONS\r\n/i);
      expect(head).toMatch(/\r\nx-content-type-options: nosniff\r\n/i);
      expect(JSON.parse(body)).toEqual({ error: `${line.split(' ')[0]} is not supported`, field: null });
    }
    expect(reached).toEqual([]);
  });

  it('answers GET * with 400, OPTIONS * with 204 and the methods', async () => {
    expect((await raw('GET * HTTP/1.1')).status).toBe(400);
    const options = await raw('OPTIONS * HTTP/1.1');
    expect(options.status).toBe(204);
    expect(options.head).toMatch(/\r\nallow: GET, HEAD, POST, OPTIONS\r\n/i);
  });

  it('answers a malformed percent-escape in the path with 400', async () => {
    for (const path of ['/blob/%zz', '/s/%zz', '/%E0%A4%A']) expect((await raw(`GET ${path} HTTP/1.1`)).status, path).toBe(400);
    expect(reached).toEqual([]);
  });

  it('lets everything else through, untouched', async () => {
    const { status, body } = await raw('GET /blob/a%2Fb?q=%zz HTTP/1.1');
    expect(status).toBe(200);
    expect(body).toBe('ok');
    expect(reached).toEqual(['GET /blob/a%2Fb?q=%zz']);
  });

  it('is installed once however often it is asked', () => {
    expect(installRequestGuard()).toBe(uninstall);
  });
});
