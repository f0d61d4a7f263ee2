import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from './env';

describe('readEnv', () => {
  it('defaults to the local store under .data/blob and models/', () => {
    expect(readEnv({})).toEqual({ BLOB_READ_WRITE_TOKEN: undefined, LOCAL_BLOB_DIR: '.data/blob', MODELS_DIR: 'models' });
  });

  it('treats blank values as unset', () => {
    expect(readEnv({ BLOB_READ_WRITE_TOKEN: '  ', LOCAL_BLOB_DIR: '' })).toMatchObject({ BLOB_READ_WRITE_TOKEN: undefined, LOCAL_BLOB_DIR: '.data/blob' });
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
