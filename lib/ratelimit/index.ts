import 'server-only';
import { appEnv } from '@/lib/env';
import { createShareRateLimiter, type RateLimiter } from './limiter';

let limiter: RateLimiter | undefined;

/** The share-write limiter, created once per server process from the validated environment. */
export function getShareRateLimiter(): RateLimiter {
  limiter ??= createShareRateLimiter(appEnv());
  return limiter;
}
