import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readEnv } from '@/lib/env';
import { createRateLimiter, createShareRateLimiter, describeShareRateLimit, tooManySharesMessage, type RateLimiter } from './limiter';
import { startRedisServer, type RedisServerUnderTest } from './testing/redis-server';

let redis: RedisServerUnderTest;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());

/** Consumes `count` requests of `key` in turn and returns the decisions. */
async function consume(limiter: RateLimiter, key: string, count: number) {
  const decisions = [];
  for (let i = 0; i < count; i++) decisions.push(await limiter.consume(key));
  return decisions;
}

let prefix = 0;
/** A limiter with its own key prefix, so tests sharing the Redis do not see each other's counts. */
function limiter(
  options: { points: number; seconds: number; redis?: boolean; log?: (line: string) => void },
  keyPrefix = `test${prefix++}`,
) {
  return createRateLimiter({
    points: options.points,
    seconds: options.seconds,
    redisUrl: options.redis ? redis.url : undefined,
    keyPrefix,
    log: options.log,
  });
}

describe.each([
  { store: 'memory', redis: false },
  { store: 'redis', redis: true },
])('rate limiter on $store', ({ store, redis: onRedis }) => {
  it('allows the limit, then refuses with the seconds until the window ends', async () => {
    const subject = limiter({ points: 3, seconds: 60, redis: onRedis });
    expect(subject.store).toBe(store);
    const decisions = await consume(subject, '203.0.113.1', 5);
    expect(decisions.slice(0, 3)).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
    ]);
    for (const refused of decisions.slice(3)) {
      expect(refused.allowed).toBe(false);
      if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
      if (!refused.allowed) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    await subject.close();
  });

  it('counts each client on its own', async () => {
    const subject = limiter({ points: 1, seconds: 60, redis: onRedis });
    expect((await subject.consume('203.0.113.1')).allowed).toBe(true);
    expect((await subject.consume('203.0.113.1')).allowed).toBe(false);
    expect((await subject.consume('203.0.113.2')).allowed).toBe(true);
    await subject.close();
  });

  it('allows again once the window has passed', async () => {
    const subject = limiter({ points: 1, seconds: 1, redis: onRedis });
    expect((await subject.consume('k')).allowed).toBe(true);
    expect((await subject.consume('k')).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await subject.consume('k')).allowed).toBe(true);
    await subject.close();
  });
});

describe('rate limiter on a shared Redis', () => {
  it('holds across instances: two servers with the same Redis share one count', async () => {
    const [a, b] = [limiter({ points: 4, seconds: 60, redis: true }, 'shared'), limiter({ points: 4, seconds: 60, redis: true }, 'shared')];
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await a.consume('198.51.100.1'), await b.consume('198.51.100.1'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, false, false]);
    // Without Redis each instance would have allowed 4 of its own.
    const alone = [limiter({ points: 4, seconds: 60 }, 'shared'), limiter({ points: 4, seconds: 60 }, 'shared')];
    for (let i = 0; i < 3; i++) decisions.push(await alone[0].consume('198.51.100.1'), await alone[1].consume('198.51.100.1'));
    expect(decisions.slice(6).every((d) => d.allowed)).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps limiting, in memory, while Redis is down, and says so once', async () => {
    const own = await startRedisServer();
    const lines: string[] = [];
    const subject = createRateLimiter({ points: 2, seconds: 60, redisUrl: own.url, keyPrefix: 'outage', log: (line) => lines.push(line) });
    expect((await subject.consume('k')).allowed).toBe(true);
    await own.stop();
    const started = Date.now();
    const during = await consume(subject, 'k', 4);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The fallback has its own count: two more, then refused.
    expect(during.map((d) => d.allowed)).toEqual([true, true, false, false]);
    await vi.waitFor(() => expect(lines.filter((line) => line.includes('Redis unavailable'))).toHaveLength(1));
    await subject.close();
  });

  it('answers from memory when Redis was never reachable', async () => {
    const lines: string[] = [];
    // A port nothing listens on: the server this file started, then stopped, had one.
    const gone = await startRedisServer();
    await gone.stop();
    const subject = createRateLimiter({ points: 1, seconds: 60, redisUrl: gone.url, keyPrefix: 'never', log: (line) => lines.push(line) });
    expect((await subject.consume('k')).allowed).toBe(true);
    expect((await subject.consume('k')).allowed).toBe(false);
    await subject.close();
  });
});

describe('the share limiter from the environment', () => {
  it('is in memory by default, 10 a minute, keyed by x-forwarded-for', async () => {
    const env = readEnv({});
    const subject = createShareRateLimiter(env);
    expect(subject.store).toBe('memory');
    expect((await consume(subject, 'c', 11)).map((d) => d.allowed)).toEqual([...new Array(10).fill(true), false]);
    expect(describeShareRateLimit(env)).toMatch(/10 per 60 s per client \(x-forwarded-for\), counted in memory/);
  });

  it('uses Redis when REDIS_URL is set, without printing the URL', async () => {
    const env = readEnv({ REDIS_URL: redis.url, SHARE_RATE_LIMIT: '2/30' });
    const subject = createShareRateLimiter(env);
    expect(subject.store).toBe('redis');
    expect((await consume(subject, 'c', 3)).map((d) => d.allowed)).toEqual([true, true, false]);
    expect(describeShareRateLimit(env)).toMatch(/2 per 30 s .* Redis/);
    expect(describeShareRateLimit(env)).not.toContain(String(redis.port));
    await subject.close();
  });
});

describe('tooManySharesMessage', () => {
  it('says how long to wait, in seconds or minutes', () => {
    expect(tooManySharesMessage(42)).toBe('Too many shares from your address: try again in 42 s');
    expect(tooManySharesMessage(3600)).toBe('Too many shares from your address: try again in 60 min');
  });
});
