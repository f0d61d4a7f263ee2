import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Env } from '@/lib/env';

/** What one request may do: go ahead, or wait `retryAfterSeconds` (whole seconds, at least 1). */
export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** Counts requests per client key in fixed windows. */
export interface RateLimiter {
  /** `memory`: this process only; `redis`: shared by every instance that uses the same Redis. */
  readonly store: 'memory' | 'redis';
  /** Counts one request of `key` and says whether it is within the limit. */
  consume(key: string): Promise<RateLimitDecision>;
  /** Releases the Redis connection, if any. */
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  /** Requests allowed per window. */
  points: number;
  /** Window length in seconds. */
  seconds: number;
  /** Redis shared by every instance; unset → in memory. */
  redisUrl?: string;
  /** Keeps limiters of different purposes apart in a shared Redis. */
  keyPrefix: string;
  /** Where connection trouble is reported (once per outage). */
  log?: (line: string) => void;
}

/** Redis command timeout: past it a request is judged by the in-memory fallback instead of waiting. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * A fixed-window limiter (rate-limiter-flexible): on Redis when `redisUrl` is set, so the count
 * holds across serverless instances, with an in-memory limiter of the same size standing in
 * while Redis cannot answer (requests are still limited, per instance, and never fail);
 * in memory otherwise.
 */
export function createRateLimiter({ points, seconds, redisUrl, keyPrefix, log = console.warn }: RateLimiterOptions): RateLimiter {
  const memory = new RateLimiterMemory({ points, duration: seconds, keyPrefix });
  if (!redisUrl) return limiterOver(memory, 'memory', async () => {});

  const client = new Redis(redisUrl, {
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    // Reconnect with a capped back-off; commands meanwhile fail fast into the fallback.
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  let healthy = true;
  client.on('error', (error: Error) => {
    if (!healthy) return;
    healthy = false;
    log(`[ratelimit] Redis unavailable (${error.message}); limiting in memory until it is back`);
  });
  client.on('ready', () => {
    if (!healthy) log('[ratelimit] Redis is back');
    healthy = true;
  });
  const redis = new RateLimiterRedis({ storeClient: client, points, duration: seconds, keyPrefix, insuranceLimiter: memory });
  return limiterOver(redis, 'redis', async () => {
    await client.quit().catch(() => client.disconnect());
  });
}

function limiterOver(limiter: RateLimiterMemory | RateLimiterRedis, store: RateLimiter['store'], close: () => Promise<void>): RateLimiter {
  return {
    store,
    close,
    async consume(key) {
      try {
        const result = await limiter.consume(key);
        return { allowed: true, remaining: result.remainingPoints };
      } catch (rejection) {
        // rate-limiter-flexible rejects with a RateLimiterRes when the limit is reached, an Error otherwise.
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
  };
}

/** The share-write limiter the environment asks for: the one place that chooses its store. */
export function createShareRateLimiter(env: Env, log?: (line: string) => void): RateLimiter {
  return createRateLimiter({ ...env.SHARE_RATE_LIMIT, redisUrl: env.REDIS_URL, keyPrefix: 'wsl:share', log });
}

/** One line saying how share writes are limited, for startup logs (never prints the Redis URL). */
export function describeShareRateLimit(env: Env): string {
  const { points, seconds } = env.SHARE_RATE_LIMIT;
  const where = env.REDIS_URL
    ? 'counted in Redis (REDIS_URL), shared by every instance'
    : 'counted in memory, per server process (set REDIS_URL to share the count between instances)';
  return `share rate limit: ${points} per ${seconds} s per client (${env.CLIENT_IP_HEADER}), ${where}`;
}

/** What the Share button shows when a client is over the limit. */
export function tooManySharesMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds < 90 ? `${retryAfterSeconds} s` : `${Math.ceil(retryAfterSeconds / 60)} min`;
  return `Too many shares from your address: try again in ${wait}`;
}
