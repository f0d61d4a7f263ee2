import { describe, expect, it } from 'vitest';
import { MAX_SHARE_BODY_BYTES, parseShareRequest } from './request';
import { validShareBody } from './testing/share-body';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/share', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

/** A body streamed in chunks with no Content-Length, as a chunked upload arrives. */
function streamed(text: string): Request {
  const bytes = new TextEncoder().encode(text);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(sent, sent + 1000));
      sent += 1000;
    },
  });
  return new Request('http://localhost/api/share', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
}

describe('parseShareRequest', () => {
  it('accepts a valid share', async () => {
    const result = await parseShareRequest(post(JSON.stringify(validShareBody())));
    expect(result.ok).toBe(true);
  });

  it('answers 413 when Content-Length announces more than 16 KB, before reading', async () => {
    const result = await parseShareRequest(post('{}', { 'content-length': String(MAX_SHARE_BODY_BYTES + 1) }));
    expect(result).toMatchObject({ ok: false, status: 413 });
  });

  it('answers 413 when the bytes sent exceed 16 KB whatever Content-Length says', async () => {
    const big = JSON.stringify({ ...validShareBody(), padding: 'x'.repeat(MAX_SHARE_BODY_BYTES) });
    expect(await parseShareRequest(streamed(big))).toMatchObject({ ok: false, status: 413 });
    expect(await parseShareRequest(post(big))).toMatchObject({ ok: false, status: 413 });
  });

  it('accepts exactly 16 KB', async () => {
    const body = JSON.stringify(validShareBody());
    const padded = body + ' '.repeat(MAX_SHARE_BODY_BYTES - new TextEncoder().encode(body).length);
    expect(await parseShareRequest(streamed(padded))).toMatchObject({ ok: true });
  });

  it.each(['not json', '', '{"v":1', '\u00ff'])('answers 400 for a body that is not JSON: %j', async (body) => {
    expect(await parseShareRequest(post(body))).toEqual({ ok: false, status: 400, field: null, error: 'Body is not valid JSON' });
  });

  it('answers 400 for invalid UTF-8', async () => {
    expect(await parseShareRequest(post(new Uint8Array([0x7b, 0xff, 0x7d])))).toMatchObject({ ok: false, status: 400, field: null });
  });

  it('answers 400, without throwing, when the upload breaks off (the client hung up)', async () => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new TextEncoder().encode('{"v":1,'));
        } else controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const request = new Request('http://localhost/api/share', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await parseShareRequest(request)).toEqual({ ok: false, status: 400, field: null, error: 'The upload was interrupted' });
  });

  it('answers 400 naming the field of a schema violation', async () => {
    const body = validShareBody();
    body.shift.dx = 9;
    expect(await parseShareRequest(post(JSON.stringify(body)))).toMatchObject({
      ok: false,
      status: 400,
      field: 'shift.dx',
      error: expect.stringMatching(/^shift\.dx: /),
    });
  });
});
