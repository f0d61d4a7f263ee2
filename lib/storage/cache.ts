import type { CachePolicy } from './blob-store';

/** A year, the longest max-age worth sending. */
export const IMMUTABLE_MAX_AGE_SECONDS = 31_536_000;

/**
 * Shortest max-age Vercel Blob accepts; the local store revalidates every time instead
 * (the ETag makes that a cheap 304).
 */
export const VERCEL_REVALIDATE_MAX_AGE_SECONDS = 60;

/** The Cache-Control header the local store serves for each policy. */
export const CACHE_CONTROL: Record<CachePolicy, string> = {
  immutable: `public, max-age=${IMMUTABLE_MAX_AGE_SECONDS}, immutable`,
  revalidate: 'public, max-age=0, must-revalidate',
};
