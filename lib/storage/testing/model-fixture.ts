import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SHIFT_GRID_CELLS } from '@/lib/digits/constants';
import { MODEL_IDS } from '@/lib/models/ids';
import { CARD_FILE, MODEL_JSON_FILE, WEIGHTS_FILE } from '@/lib/models/files';

/** Parameters of every fixture model: a 4×2 kernel and a bias of 2. */
export const FIXTURE_PARAMS = 10;

/**
 * Writes a `models/` directory as training leaves it: `<id>/model.json` + `<id>/weights.bin` for
 * every model id, and `card.json`. `variant` changes the weight bytes (a retrained model).
 */
export async function writeModelsFixture(dir: string, variant = 0): Promise<void> {
  const models = [];
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
    models.push({
      id,
      name: `${id.toUpperCase()} fixture`,
      weightSharing: id === 'cnn',
      params: FIXTURE_PARAMS,
      testAccuracy: 0.98 - index / 100,
      trainAccuracy: 0.99,
      generalisationGap: 0.01 + index / 100,
      shiftGrid: new Array<number>(SHIFT_GRID_CELLS).fill(0.5),
    });
  }
  await writeFile(path.join(dir, CARD_FILE), JSON.stringify({ version: 1, generatedAt: '2026-01-01T00:00:00Z', definitions: {}, models }));
}
