/**
 * Writes untrained (seeded) CNN and LCN models in the layout of `models/` (per-model model.json +
 * weights.bin, and a card.json) so the engine can be benchmarked and tested before trained models
 * exist. Same topology and byte sizes as the real ones; accuracies in the card are placeholders.
 *
 *   npx tsx bench/fixture-models.ts <outDir>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import { io, setBackend } from '@tensorflow/tfjs-core';
import { SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import { artifactsToFiles, WEIGHTS_FILE } from '@/lib/models/artifacts';
import { MODEL_SPECS } from '@/lib/models/registry';

export async function writeFixtureModels(outDir: string): Promise<void> {
  await setBackend('cpu');
  const models = [];
  for (const spec of MODEL_SPECS) {
    const model = spec.build({ seed: 1 });
    let files: ReturnType<typeof artifactsToFiles> | undefined;
    await model.save(
      io.withSaveHandler(async (artifacts) => {
        files = artifactsToFiles(artifacts);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    model.dispose();
    if (!files) throw new Error(`${spec.id}: save produced nothing`);
    const dir = path.join(outDir, spec.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'model.json'), JSON.stringify(files.modelJson));
    writeFileSync(path.join(dir, WEIGHTS_FILE), new Uint8Array(files.weights));
    models.push({
      id: spec.id,
      name: spec.name,
      description: spec.description,
      weightSharing: spec.weightSharing,
      params: spec.params,
      weightBytes: files.weights.byteLength,
      training: {
        hyperparameters: {},
        steps: 0,
        samplesPerSecond: 0,
        wallSeconds: 0,
        backend: 'none (untrained fixture)',
        date: new Date().toISOString(),
        curve: [],
      },
      testAccuracy: 0.1,
      trainAccuracy: 0.1,
      generalisationGap: 0,
      perClassAccuracy: new Array(10).fill(0.1),
      confusion: Array.from({ length: 10 }, () => new Array(10).fill(0)),
      shiftGrid: new Array(SHIFT_GRID_CELLS).fill(0.1),
      shiftGridImages: 0,
      consistency: [],
      evaluationSeconds: 0,
    });
  }
  const card = { version: 1, generatedAt: new Date().toISOString(), definitions: { fixture: 'untrained models for engine benchmarks' }, models };
  writeFileSync(path.join(outDir, 'card.json'), JSON.stringify(card, null, 2));
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: tsx bench/fixture-models.ts <outDir>');
  await writeFixtureModels(outDir);
  console.log(`fixture models written to ${outDir}`);
}
