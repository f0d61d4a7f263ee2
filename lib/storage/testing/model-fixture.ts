import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CARD_FILE, MODEL_JSON_FILE, WEIGHTS_FILE } from '@/lib/models/files';
import { MODEL_IDS } from '@/lib/models/ids';
import { fakeCard } from '@/lib/models/testing/fake-card';

/** Parameters of every fixture model: a 4×2 kernel and a bias of 2. */
export const FIXTURE_PARAMS = 10;

/**
 * Writes a `models/` directory as training leaves it: `<id>/model.json` + `<id>/weights.bin` for
 * every model id, and `card.json` (the fake card, named and sized for these tiny models).
 * `variant` changes the weight bytes (a retrained model).
 */
export async function writeModelsFixture(dir: string, variant = 0): Promise<void> {
  for (const [index, id] of MODEL_IDS.entries()) {
    const modelDir = path.join(dir, id);
    await mkdir(modelDir, { recursive: true });
    const modelJson = {
      modelTopology: { class_name: 'Sequential', config: { name: id } },
      format: 'layers-model',
      generatedBy: 'fixture',
      convertedBy: null,
      weightsManifest: [
        {
          paths: [WEIGHTS_FILE],
          weights: [
            { name: `${id}/kernel`, shape: [4, 2], dtype: 'float32' },
            { name: `${id}/bias`, shape: [2], dtype: 'float32' },
          ],
        },
      ],
    };
    await writeFile(path.join(modelDir, MODEL_JSON_FILE), JSON.stringify(modelJson));
    const weights = new Float32Array(FIXTURE_PARAMS).map((_, i) => i * 0.5 + index + variant);
    await writeFile(path.join(modelDir, WEIGHTS_FILE), new Uint8Array(weights.buffer));
  }
  const card = fakeCard(MODEL_IDS);
  card.models = card.models.map((m) => ({
    ...m,
    name: `${m.id.toUpperCase()} fixture`,
    params: FIXTURE_PARAMS,
    weightBytes: FIXTURE_PARAMS * 4,
  }));
  await writeFile(path.join(dir, CARD_FILE), JSON.stringify(card));
}
