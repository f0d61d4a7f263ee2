import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BlobStore } from '../blob-store';
import { LocalBlobStore } from '../local-store';
import { VercelBlobStore } from '../vercel-store';
import { FAKE_BLOB_TOKEN, startFakeVercelBlob, type FakeVercelBlob } from './fake-vercel-blob';

/** A fresh, empty store and how to dispose of it. */
export interface StoreUnderTest {
  store: BlobStore;
  /** The fake Vercel Blob server behind a `vercel` store. */
  fake?: FakeVercelBlob;
  /** Root directory of a `local` store. */
  root?: string;
  cleanup(): Promise<void>;
}

/** Makes a temp directory that `cleanup` removes. */
export async function makeTempDir(label: string): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `wsl-${label}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Both drivers, for suites that must hold for each (`describe.each(STORE_DRIVERS)`). */
export const STORE_DRIVERS: Array<{ driver: BlobStore['driver']; create(): Promise<StoreUnderTest> }> = [
  {
    driver: 'local',
    async create() {
      const { dir, cleanup } = await makeTempDir('blob');
      return { store: new LocalBlobStore(dir), root: dir, cleanup };
    },
  },
  {
    driver: 'vercel',
    async create() {
      const fake = await startFakeVercelBlob();
      process.env.VERCEL_BLOB_API_URL = fake.apiUrl;
      // A failing call should fail the test at once, not after ten backed-off retries.
      process.env.VERCEL_BLOB_RETRIES = '0';
      // A page size of 2 makes every list with more than two blobs exercise cursor paging.
      return { store: new VercelBlobStore({ token: FAKE_BLOB_TOKEN, listPageSize: 2 }), fake, cleanup: () => fake.close() };
    },
  },
];
