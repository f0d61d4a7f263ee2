import { describe, expect, it } from 'vitest';
import { apiError } from '@/lib/api-error';
import { INPUT_PIXELS, NUM_CLASSES } from '@/lib/digits/constants';
import type { Prediction } from '@/lib/inference/types';
import { postShare, ShareError, shareRequestFor } from './client';
import { SHARE_API_PATH } from './api';
import { validateShare } from './schema';
import { validBenchmark } from './testing/share-body';
import type { DeviceBenchmark } from '@/lib/inference/device-benchmark';

const pixels = new Uint8Array(INPUT_PIXELS).map((_, i) => i % 256);
const prediction = (top: number, backend: Prediction['backend'] = 'wasm'): Prediction => ({
  probs: Array.from({ length: NUM_CLASSES }, (_, i) => (i === top ? 0.91 : 0.01)),
  top,
  latencyMs: 0.4,
  backend,
});

describe('shareRequestFor', () => {
  it('builds a body the route accepts from every shown prediction', () => {
    const predictions = { cnn: prediction(0), lcn: prediction(1, 'cpu') };
    const body = shareRequestFor({ pixels, shift: { dx: 2, dy: -1 }, models: ['lcn', 'cnn'], predictions });
    expect(body).toMatchObject({
      v: 2,
      shift: { dx: 2, dy: -1 },
      models: ['lcn', 'cnn'],
      results: { cnn: { top: 0, backend: 'wasm' }, lcn: { top: 1, backend: 'cpu' } },
    });
    expect(body).not.toHaveProperty('benchmark');
    expect(validateShare(body)).toMatchObject({ ok: true });
  });

  it('attaches a device benchmark when given one', () => {
    const benchmark = validBenchmark() as DeviceBenchmark;
    const body = shareRequestFor({
      pixels,
      shift: { dx: 0, dy: 0 },
      models: ['cnn', 'lcn'],
      predictions: { cnn: prediction(0), lcn: prediction(1) },
      benchmark,
    });
    expect(body?.benchmark).toEqual(benchmark);
    expect(validateShare(body)).toMatchObject({ ok: true });
  });

  it('is null while a shown model has no prediction yet', () => {
    expect(shareRequestFor({ pixels, shift: { dx: 0, dy: 0 }, models: ['cnn', 'lcn'], predictions: { cnn: prediction(4) } })).toBeNull();
  });
});

describe('postShare', () => {
  const body = shareRequestFor({
    pixels,
    shift: { dx: 0, dy: 0 },
    models: ['cnn', 'lcn'],
    predictions: { cnn: prediction(1, 'cpu'), lcn: prediction(2, 'cpu') },
  })!;

  it('posts the body as JSON to the share route and answers its id and page path', async () => {
    const sent: Array<[string, RequestInit | undefined]> = [];
    const fetchImpl = (async (url: string, init?: RequestInit) => {
      sent.push([url, init]);
      return Response.json({ id: 'abc', url: '/s/abc' }, { status: 201 });
    }) as typeof fetch;
    await expect(postShare(body, fetchImpl)).resolves.toEqual({ id: 'abc', url: '/s/abc' });
    expect(sent[0][0]).toBe(SHARE_API_PATH);
    expect(sent[0][1]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(sent[0][1]!.body as string)).toEqual(body);
  });

  it("fails with the route's message and status", async () => {
    const refused = (async () => apiError(400, 'results.lcn: required', { field: 'results.lcn' })) as typeof fetch;
    await expect(postShare(body, refused)).rejects.toEqual(new ShareError('results.lcn: required', 400));
    await expect(postShare(body, refused)).rejects.toMatchObject({ status: 400 });
    const broken = (async () => new Response('<html>oops</html>', { status: 502 })) as typeof fetch;
    await expect(postShare(body, broken)).rejects.toMatchObject({ message: 'HTTP 502', status: 502 });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(postShare(body, offline)).rejects.toMatchObject({ message: 'Failed to fetch', status: null });
  });
});
