import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import { parseCard } from '@/lib/models/card';
import { MODEL_SPECS } from '@/lib/models/registry';

/** Newest modification time under a directory (0 if it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((t, e) => Math.max(t, statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}

describe('npm run train (smoke)', () => {
  it('trains both models on 2,000 images for 1 epoch into --out and writes a card, leaving models/ alone', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wsl-train-'));
    const modelsBefore = newestMtime('models');
    // bash's `time` reports the CLI's CPU seconds: a stable budget on a shared machine, where wall
    // time depends on the neighbours (≈ 45 s CPU, ≈ 50 s wall on an idle 2-core box).
    const run = spawnSync(
      'bash',
      ['-c', `TIMEFORMAT='cpu %U %S'; time npx tsx lib/training/train.ts --limit 2000 --epochs 1 --out '${out}'`],
      {
        encoding: 'utf8',
        timeout: 400_000,
      },
    );
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const [, user, sys] = /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr) ?? [];
    const cpuSeconds = Number(user) + Number(sys);
    expect(run.stdout).toMatch(/\[lcn\] epoch 1\/1 step 32\/32 loss [\d.]+ \d+ samples\/s ETA/);
    for (const spec of MODEL_SPECS) {
      for (const file of ['model.json', 'weights.bin', 'training.json']) expect(existsSync(path.join(out, spec.id, file))).toBe(true);
      expect(statSync(path.join(out, spec.id, 'weights.bin')).size).toBe(spec.params * 4);
    }
    const card = parseCard(JSON.parse(readFileSync(path.join(out, 'card.json'), 'utf8')));
    expect(card.models.map((m) => m.id)).toEqual(MODEL_SPECS.map((s) => s.id));
    for (const m of card.models) {
      expect(m.training.hyperparameters).toMatchObject({ trainImages: 2000, epochs: 1 });
      expect(m.shiftGrid).toHaveLength(SHIFT_GRID_CELLS);
      // 32 steps: far from converged (CNN ≈ 66 %, LCN ≈ 83 %) but far above chance.
      expect(m.testAccuracy).toBeGreaterThan(0.5);
    }
    expect(newestMtime('models')).toBe(modelsBefore);
    expect(cpuSeconds).toBeLessThan(90);
  }, 420_000);
});
