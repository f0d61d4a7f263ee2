import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest, type ModelManifest } from './manifest';

const file = (name: string) => ({ url: `/blob/models/cnn/0123456789abcdef/${name}`, bytes: 10, sha256: 'a'.repeat(64) });
const valid = (): ModelManifest => ({
  version: 1,
  models: [
    {
      id: 'cnn',
      name: 'CNN',
      weightSharing: true,
      params: 18378,
      metrics: { testAccuracy: 0.99, trainAccuracy: 0.995, generalisationGap: 0.005 },
      modelJson: file('model.json'),
      weights: [file('weights.bin')],
    },
  ],
});

describe('parseManifest', () => {
  it('accepts a valid manifest', () => {
    expect(parseManifest(valid())).toEqual(valid());
  });

  it.each([
    ['an unknown model id', (m: ModelManifest) => ((m.models[0] as { id: string }).id = 'mlp'), 'models.0.id'],
    ['a short hash', (m: ModelManifest) => (m.models[0].weights[0].sha256 = 'abc'), 'models.0.weights.0.sha256'],
    ['an upper-case hash', (m: ModelManifest) => (m.models[0].modelJson.sha256 = 'A'.repeat(64)), 'models.0.modelJson.sha256'],
    ['no weights', (m: ModelManifest) => (m.models[0].weights = []), 'models.0.weights'],
    ['fractional bytes', (m: ModelManifest) => (m.models[0].weights[0].bytes = 1.5), 'models.0.weights.0.bytes'],
    ['an accuracy above 1', (m: ModelManifest) => (m.models[0].metrics.testAccuracy = 99), 'models.0.metrics.testAccuracy'],
    ['a duplicate model', (m: ModelManifest) => m.models.push(m.models[0]), 'models'],
    ['another version', (m: ModelManifest) => ((m as { version: number }).version = 2), 'version'],
  ])('rejects %s, naming the field', (_, edit, field) => {
    const manifest = valid();
    edit(manifest);
    expect(() => parseManifest(manifest)).toThrow(ManifestError);
    expect(() => parseManifest(manifest)).toThrow(`at ${field}:`);
  });
});
