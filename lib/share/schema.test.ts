import { describe, expect, it } from 'vitest';
import { MAX_SHIFT } from '@/lib/digits/constants';
import { sharedModels, sharedResult, validateShare, type LabShare } from './schema';
import { validBenchmark, validShareBody } from './testing/share-body';

type Body = ReturnType<typeof validShareBody>;

/** Validates a valid body after `edit`, expecting failure; returns the error. */
function rejection(edit: (body: Body & Record<string, unknown>) => void) {
  const body = validShareBody() as Body & Record<string, unknown>;
  edit(body);
  const result = validateShare(body);
  if (result.ok) throw new Error('expected the body to be rejected');
  return result;
}

describe('validateShare', () => {
  it('accepts a valid body and returns it', () => {
    const result = validateShare(validShareBody());
    expect(result.ok).toBe(true);
    if (result.ok) expect((result.share as LabShare).shift).toEqual({ dx: 2, dy: -1 });
  });

  it('rounds probabilities to 6 and latencies to 3 decimals, idempotently', () => {
    const body = validShareBody();
    body.results.cnn.probs[4] = 0.9100000123;
    body.results.cnn.latencyMs = 1.23456789;
    const result = validateShare(body);
    if (!result.ok) throw new Error(result.error);
    expect(sharedResult(result.share as LabShare, 'cnn').probs[4]).toBe(0.91);
    expect(sharedResult(result.share as LabShare, 'cnn').latencyMs).toBe(1.235);
    expect(validateShare(JSON.parse(JSON.stringify(result.share)))).toEqual(result);
  });

  it.each([
    ['v missing', (b: Body & Record<string, unknown>) => delete (b as Partial<Body>).v, 'v'],
    ['v: 4', (b: Body & Record<string, unknown>) => (b.v = 4), 'v'],
    ['an unknown top-level key', (b: Body & Record<string, unknown>) => (b.extra = 1), null],
  ])('rejects %s', (_, edit, field) => {
    expect(rejection(edit).field).toBe(field);
  });

  it.each([
    ['too short', 'AAAA'],
    ['empty', ''],
    ['not a string', 42],
    ['not base64', '!'.repeat(1048)],
    ['base64 with whitespace', `${validShareBody().input.slice(0, 100)} ${validShareBody().input.slice(101)}`],
    ['785 bytes', Buffer.alloc(785).toString('base64')],
    ['783 bytes', Buffer.alloc(783).toString('base64')],
    ['base64url alphabet', Buffer.alloc(784, 0xfb).toString('base64url')],
    ['non-canonical padding bits', `${Buffer.alloc(784).toString('base64').slice(0, -3)}B==`],
  ])('rejects an input that is %s', (_, input) => {
    const error = rejection((b) => (b.input = input as string));
    expect(error.field).toBe('input');
    expect(error.error).toMatch(/^input: /);
  });

  it.each([
    [{ dx: MAX_SHIFT + 1, dy: 0 }, 'shift.dx'],
    [{ dx: 0, dy: -MAX_SHIFT - 1 }, 'shift.dy'],
    [{ dx: 1.5, dy: 0 }, 'shift.dx'],
    [{ dx: '1', dy: 0 }, 'shift.dx'],
    [{ dx: 0 }, 'shift.dy'],
    [{ dx: 0, dy: 0, dz: 0 }, 'shift'],
    [null, 'shift'],
  ])('rejects the shift %j', (shift, field) => {
    expect(rejection((b) => ((b as Record<string, unknown>).shift = shift)).field).toBe(field);
  });

  it('accepts the extreme shifts', () => {
    const body = validShareBody();
    body.shift = { dx: -MAX_SHIFT, dy: MAX_SHIFT };
    expect(validateShare(body).ok).toBe(true);
  });

  it('requires a result for each of the two shared models and no other', () => {
    expect(rejection((b) => delete b.results.lcn).field).toBe('results.lcn');
    expect(rejection((b) => (b.models = ['cnn', 'cnn'])).field).toBe('models');
    expect(rejection((b) => (b.models = ['cnn'])).field).toBe('models');
    expect(rejection((b) => (b.models = ['cnn', 'resnet'])).field).toBe('models.1');
    expect(rejection((b) => (b.results.resnet = b.results.cnn)).error).toMatch(/resnet/);
  });

  it('keeps old links valid: version 1 compared the CNN with the LCN, with no model list', () => {
    const v1: Record<string, unknown> = { ...validShareBody(), v: 1 };
    delete v1.models;
    const result = validateShare(v1);
    expect(result.ok).toBe(true);
    if (result.ok) expect(sharedModels(result.share)).toEqual(['cnn', 'lcn']);
    expect(validateShare({ ...v1, models: ['cnn', 'lcn'] }).ok).toBe(false);
  });

  it.each([
    ['9 probabilities', (r: Body['results']['cnn']) => r.probs.pop(), 'results.cnn.probs'],
    ['11 probabilities', (r: Body['results']['cnn']) => r.probs.push(0), 'results.cnn.probs'],
    ['a negative probability', (r: Body['results']['cnn']) => ((r.probs[0] = -0.01), (r.probs[1] = 0.03)), 'results.cnn.probs.0'],
    ['a probability above 1', (r: Body['results']['cnn']) => (r.probs[4] = 1.5), 'results.cnn.probs.4'],
    ['a NaN probability (null in JSON)', (r: Body['results']['cnn']) => ((r.probs as unknown[])[0] = null), 'results.cnn.probs.0'],
    ['a string probability', (r: Body['results']['cnn']) => ((r.probs as unknown[])[0] = '0.01'), 'results.cnn.probs.0'],
    ['probabilities summing to 0.99', (r: Body['results']['cnn']) => (r.probs[4] = 0.9), 'results.cnn.probs'],
    ['probabilities summing to 1.002', (r: Body['results']['cnn']) => (r.probs[4] = 0.912), 'results.cnn.probs'],
    ['top that is not the arg-max', (r: Body['results']['cnn']) => (r.top = 3), 'results.cnn.top'],
    ['top 10', (r: Body['results']['cnn']) => (r.top = 10), 'results.cnn.top'],
    ['top -1', (r: Body['results']['cnn']) => (r.top = -1), 'results.cnn.top'],
    ['a fractional top', (r: Body['results']['cnn']) => (r.top = 4.5), 'results.cnn.top'],
    ['a negative latency', (r: Body['results']['cnn']) => (r.latencyMs = -1), 'results.cnn.latencyMs'],
    [
      'an infinite latency (null in JSON)',
      (r: Body['results']['cnn']) => ((r as Record<string, unknown>).latencyMs = null),
      'results.cnn.latencyMs',
    ],
    ['an unknown backend', (r: Body['results']['cnn']) => (r.backend = 'cuda'), 'results.cnn.backend'],
    ['an extra key', (r: Body['results']['cnn']) => ((r as Record<string, unknown>).note = 'x'), 'results.cnn'],
  ])('rejects a result with %s', (_, edit, field) => {
    expect(rejection((b) => edit(b.results.cnn)).field).toBe(field);
  });

  it('accepts probabilities summing to 1 within 1e-3', () => {
    const body = validShareBody();
    body.results.lcn.probs[4] = 0.9109;
    expect(validateShare(body).ok).toBe(true);
  });

  it('names no field when the body is not an object', () => {
    for (const body of [null, [], 'share', 1]) {
      const result = validateShare(body);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.field).toBeNull();
    }
  });

  it('takes an optional device benchmark on version 2, its times rounded like latencies', () => {
    const benchmark = validBenchmark();
    benchmark.cells[0].singleP50Ms = 0.1234567;
    const result = validateShare({ ...validShareBody(), benchmark });
    if (!result.ok) throw new Error(result.error);
    expect(result.share.v === 2 && result.share.benchmark?.cells[0].singleP50Ms).toBe(0.123);
    expect(validateShare(JSON.parse(JSON.stringify(result.share)))).toEqual(result);
    const v1: Record<string, unknown> = { ...validShareBody(), v: 1, benchmark };
    delete v1.models;
    expect(validateShare(v1)).toMatchObject({ ok: false, field: null });
  });

  it.each([
    ['no cells', (b: ReturnType<typeof validBenchmark>) => (b.cells = []), 'benchmark.cells'],
    ['a backend × model twice', (b: ReturnType<typeof validBenchmark>) => b.cells.push({ ...b.cells[0] }), 'benchmark.cells'],
    ['an unknown backend', (b: ReturnType<typeof validBenchmark>) => (b.cells[0].backend = 'cuda'), 'benchmark.cells.0.backend'],
    ['an unknown model', (b: ReturnType<typeof validBenchmark>) => (b.cells[0].modelId = 'resnet'), 'benchmark.cells.0.modelId'],
    ['a negative time', (b: ReturnType<typeof validBenchmark>) => (b.cells[1].sweepMs = -1), 'benchmark.cells.1.sweepMs'],
    [
      'an unknown sweep method',
      (b: ReturnType<typeof validBenchmark>) => (b.cells[1].sweepMethod = 'magic'),
      'benchmark.cells.1.sweepMethod',
    ],
    ['control characters in the adapter', (b: ReturnType<typeof validBenchmark>) => (b.adapter = 'gpu\u0000'), 'benchmark.adapter'],
    ['a very long error', (b: ReturnType<typeof validBenchmark>) => (b.failed[0].error = 'x'.repeat(201)), 'benchmark.failed.0.error'],
    ['an extra key', (b: ReturnType<typeof validBenchmark>) => ((b as Record<string, unknown>).winner = 'wasm'), 'benchmark'],
  ])('rejects a benchmark with %s', (_, edit, field) => {
    const benchmark = validBenchmark();
    edit(benchmark);
    expect(rejection((b) => (b.benchmark = benchmark)).field).toBe(field);
  });
});
