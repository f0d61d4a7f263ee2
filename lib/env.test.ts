import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from './env';

describe('readEnv', () => {
  it('defaults to the local store under .data/blob and models/, 10 shares a minute counted in memory', () => {
    expect(readEnv({})).toEqual({
      BLOB_READ_WRITE_TOKEN: undefined,
      LOCAL_BLOB_DIR: '.data/blob',
      MODELS_DIR: 'models',
      REDIS_URL: undefined,
      SHARE_RATE_LIMIT: { points: 10, seconds: 60 },
      CLIENT_IP_HEADER: 'x-forwarded-for',
      SITE_URL: undefined,
    });
  });

  it('reads a Redis URL, a share rate limit, the client address header and the site URL', () => {
    expect(
      readEnv({
        REDIS_URL: 'rediss://default:pw@redis.example:6380',
        SHARE_RATE_LIMIT: '30/3600',
        CLIENT_IP_HEADER: 'x-real-ip',
        SITE_URL: 'https://lab.example.org/',
      }),
    ).toMatchObject({
      REDIS_URL: 'rediss://default:pw@redis.example:6380',
      SHARE_RATE_LIMIT: { points: 30, seconds: 3600 },
      CLIENT_IP_HEADER: 'x-real-ip',
      SITE_URL: 'https://lab.example.org',
    });
  });

  it.each([
    ['REDIS_URL', 'http://redis.example', /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['REDIS_URL', 'not a url', /REDIS_URL/],
    ['SHARE_RATE_LIMIT', '10', /SHARE_RATE_LIMIT must look like <requests>\/<seconds>/],
    ['SHARE_RATE_LIMIT', '10/0', /SHARE_RATE_LIMIT needs at least 1 request/],
    ['SHARE_RATE_LIMIT', '0/60', /SHARE_RATE_LIMIT needs at least 1 request/],
    ['SHARE_RATE_LIMIT', '10/100000', /SHARE_RATE_LIMIT needs/],
    ['CLIENT_IP_HEADER', 'cf-connecting-ip', /CLIENT_IP_HEADER must be one of x-forwarded-for, x-real-ip/],
    ['SITE_URL', 'lab.example.org', /SITE_URL must be an http/],
    ['SITE_URL', 'javascript:alert(1)', /SITE_URL must be an http/],
  ])('names %s when it is %j', (name, value, message) => {
    expect(() => readEnv({ [name]: value })).toThrow(message);
  });

  it('keys clients by x-real-ip on Vercel, whose edge sets it', () => {
    expect(readEnv({ VERCEL: '1', BLOB_READ_WRITE_TOKEN: 'vercel_blob_rw_s_x' }).CLIENT_IP_HEADER).toBe('x-real-ip');
  });

  it('treats blank values as unset', () => {
    expect(readEnv({ BLOB_READ_WRITE_TOKEN: '  ', LOCAL_BLOB_DIR: '' })).toMatchObject({
      BLOB_READ_WRITE_TOKEN: undefined,
      LOCAL_BLOB_DIR: '.data/blob',
    });
  });

  it('takes a Vercel Blob token and a store directory', () => {
    expect(readEnv({ BLOB_READ_WRITE_TOKEN: 'vercel_blob_rw_store_secret', LOCAL_BLOB_DIR: '/tmp/blobs' })).toMatchObject({
      BLOB_READ_WRITE_TOKEN: 'vercel_blob_rw_store_secret',
      LOCAL_BLOB_DIR: '/tmp/blobs',
    });
  });

  it('names the variable of a malformed token', () => {
    expect(() => readEnv({ BLOB_READ_WRITE_TOKEN: 'secret' })).toThrow(EnvError);
    expect(() => readEnv({ BLOB_READ_WRITE_TOKEN: 'secret' })).toThrow(/BLOB_READ_WRITE_TOKEN/);
  });

  it('requires a token on Vercel, where the filesystem is read-only', () => {
    expect(() => readEnv({ VERCEL: '1' })).toThrow(/BLOB_READ_WRITE_TOKEN is required on Vercel/);
    expect(readEnv({ VERCEL: '1', BLOB_READ_WRITE_TOKEN: 'vercel_blob_rw_s_x' }).BLOB_READ_WRITE_TOKEN).toBe('vercel_blob_rw_s_x');
  });
});
