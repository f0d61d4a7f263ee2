import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validShareBody } from '@/lib/share/testing/share-body';
import { startRedisServer, type RedisServerUnderTest } from '@/lib/ratelimit/testing/redis-server';
import { makeTempDir } from '@/lib/storage/testing/drivers';
import type * as Route from './route';

let redis: RedisServerUnderTest;
let cleanup: () => Promise<void>;
/** Two server instances: separate module graphs, so separate limiters, one Redis. */
let instances: Array<typeof Route>;

beforeAll(async () => {
  redis = await startRedisServer();
  const temp = await makeTempDir('share-redis');
  cleanup = temp.cleanup;
  delete process.env.BLOB_READ_WRITE_TOKEN;
  process.env.LOCAL_BLOB_DIR = temp.dir;
  process.env.REDIS_URL = redis.url;
  process.env.SHARE_RATE_LIMIT = '3/60';
  instances = [];
  for (let i = 0; i < 2; i++) {
    vi.resetModules();
    instances.push(await import('./route'));
  }
});
afterAll(async () => {
  delete process.env.REDIS_URL;
  delete process.env.SHARE_RATE_LIMIT;
  await redis.stop();
  await cleanup();
});

const post = (route: typeof Route, seed: number, address: string) =>
  route.POST(
    new Request('http://localhost/api/share', {
      method: 'POST',
      body: JSON.stringify(validShareBody(seed)),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    }),
  );

describe('POST /api/share with REDIS_URL (a real redis-server)', () => {
  it('holds the limit across instances: 3 a minute in all, whichever instance answers', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(instances[i % 2], i, '203.0.113.50')).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    // Another client has its own count on both instances.
    expect((await post(instances[1], 10, '203.0.113.51')).status).toBe(201);
  });
});
