import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeCard } from '@/lib/models/testing/fake-card';
import { buildEvidence } from './evidence';
import { readEvidence } from './read';
import { accuracies, syntheticSeeds, syntheticSummary } from './testing/synthetic';

/** A file whose next read fails once, as a passing I/O error would. */
const failing = vi.hoisted(() => ({ file: '' }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const readFile: typeof actual.readFile = (async (...args: Parameters<typeof actual.readFile>) => {
    if (args[0] === failing.file) {
      failing.file = '';
      throw Object.assign(new Error(`EIO: i/o error, open '${String(args[0])}'`), { code: 'EIO' });
    }
    return actual.readFile(...args);
  }) as typeof actual.readFile;
  return { ...actual, readFile };
});

describe('readEvidence', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** A checkout with a models/card.json and, when given, an experiments/summary.json. */
  async function checkout(summary?: object): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'wsl-evidence-'));
    dirs.push(dir);
    await mkdir(path.join(dir, 'models'));
    await mkdir(path.join(dir, 'experiments'));
    await writeFile(path.join(dir, 'models', 'card.json'), JSON.stringify(fakeCard()));
    if (summary) await writeFile(path.join(dir, 'experiments', 'summary.json'), JSON.stringify(summary));
    return dir;
  }

  const summary = () =>
    syntheticSummary([
      ...syntheticSeeds('seeds', 'cnn', 50_000, accuracies(0.988, 0.989, 0.99)),
      ...syntheticSeeds('seeds', 'lcn', 50_000, accuracies(0.987, 0.988, 0.989)),
    ]);

  it('builds the claims from the committed files, once per version of them', async () => {
    const dir = await checkout({ ...summary(), quick: true });
    const first = await readEvidence(dir);
    expect(first.quick).toBe(true);
    expect(first.claims).toEqual(buildEvidence({ ...summary(), quick: true }, fakeCard()));
    expect(await readEvidence(dir)).toBe(first);

    // The experiments are rerun: the page follows.
    await writeFile(path.join(dir, 'experiments', 'summary.json'), JSON.stringify(summary()));
    const rerun = await readEvidence(dir);
    expect(rerun).not.toBe(first);
    expect(rerun.quick).toBe(false);
    // And removed: the claims that need them are pending again.
    await rm(path.join(dir, 'experiments', 'summary.json'));
    expect((await readEvidence(dir)).claims.find((c) => c.key === 'convergence')!.result.status).toBe('pending');
  });

  it('reports a failed read, and reads again on the next request rather than keep the failure', async () => {
    const dir = await checkout(summary());
    failing.file = path.join(dir, 'experiments', 'summary.json');
    await expect(readEvidence(dir)).rejects.toThrow(/EIO/);
    expect((await readEvidence(dir)).claims.find((c) => c.key === 'convergence')!.result.status).toBe('ready');
  });

  it('names a summary that does not validate', async () => {
    await expect(readEvidence(await checkout({ version: 'not a summary' }))).rejects.toThrow(/summary\.json/);
  });
});
