import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import { parseCard } from '@/lib/models/card';
import { getModelSpec } from '@/lib/models/registry';
import { runCli } from '@/lib/testing/cli';

/** Newest modification time under a directory (0 if it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((t, e) => Math.max(t, statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}

/** The training CLI, with its CPU seconds. */
const train = (args: string) => runCli('lib/training/train.ts', args, 400_000);

describe('npm run train (smoke)', () => {
  it('trains a shared and an unshared model into --out, writes a card, resumes, and leaves models/ alone', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wsl-train-'));
    const modelsBefore = newestMtime('models');
    const ids = ['cnn', 'lcn-gap'] as const;
    const first = train(`--models ${ids.join(',')} --limit 2000 --epochs 1 --out '${out}' --jobs 2`);
    expect(first.status, first.stderr.slice(-2000)).toBe(0);
    expect(first.stdout).toMatch(/\[lcn-gap\] epoch 1\/1 step 32\/32 loss [\d.]+ \d+ samples\/s ETA/);
    for (const id of ids) {
      for (const file of ['model.json', 'weights.bin', 'training.json']) expect(existsSync(path.join(out, id, file))).toBe(true);
      expect(statSync(path.join(out, id, 'weights.bin')).size).toBe(getModelSpec(id).params * 4);
    }
    const card = parseCard(JSON.parse(readFileSync(path.join(out, 'card.json'), 'utf8')));
    expect(card.models.map((m) => m.id)).toEqual([...ids]);
    for (const m of card.models) {
      expect(m.training.hyperparameters).toMatchObject({ trainImages: 2000, epochs: 1 });
      expect(m.factors).toEqual(getModelSpec(m.id).factors);
      expect(m.shiftGrid).toHaveLength(SHIFT_GRID_CELLS);
      expect(m.precisions?.map((p) => p.dtype)).toEqual(['float32', 'float16', 'uint8']);
      // 32 steps: far from converged but far above chance.
      expect(m.testAccuracy).toBeGreaterThan(0.5);
    }
    expect(first.cpuSeconds).toBeLessThan(120);

    // Run again: nothing to do. Then drop an evaluation: only that model is evaluated again, not retrained.
    const again = train(`--models ${ids.join(',')} --limit 2000 --epochs 1 --out '${out}'`);
    expect(again.stdout).toContain('[cnn] already trained with this recipe and evaluated: kept');
    expect(again.stdout).toContain('[lcn-gap] already trained with this recipe and evaluated: kept');
    writeFileSync(path.join(out, 'card.json'), JSON.stringify({ ...card, models: card.models.filter((m) => m.id !== 'cnn') }));
    const resumed = train(`--models ${ids.join(',')} --limit 2000 --epochs 1 --out '${out}'`);
    expect(resumed.stdout).toContain('[cnn] already trained with this recipe: kept, evaluating only');
    expect(resumed.stdout).not.toMatch(/\[cnn\] epoch/);
    expect(parseCard(JSON.parse(readFileSync(path.join(out, 'card.json'), 'utf8'))).models.map((m) => m.id)).toEqual([...ids]);
    expect(newestMtime('models')).toBe(modelsBefore);
  }, 600_000);
});
