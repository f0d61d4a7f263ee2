import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest, type ModelManifest } from './manifest';

const file = (name: string) => ({
  key: `models/cnn/0123456789abcdef/${name}`,
  url: `/blob/models/cnn/0123456789abcdef/${name}`,
  bytes: 10,
  sha256: 'a'.repeat(64),
});
const valid = (): ModelManifest => ({
  version: 2,
  models: [{ id: 'cnn', cardJson: file('card.json'), modelJson: file('model.json'), weights: [file('weights.bin')] }],
});

describe('parseManifest', () => {
  it('accepts a valid manifest', () => {
    expect(parseManifest(valid())).toEqual(valid());
  });

  it.each([
    ['an unknown model id', (m: ModelManifest) => ((m.models[0] as { id: string }).id = 'rnn'), 'models.0.id'],
    ['a short hash', (m: ModelManifest) => (m.models[0].weights[0].sha256 = 'abc'), 'models.0.weights.0.sha256'],
    ['an upper-case hash', (m: ModelManifest) => (m.models[0].modelJson.sha256 = 'A'.repeat(64)), 'models.0.modelJson.sha256'],
    ['no weights', (m: ModelManifest) => (m.models[0].weights = []), 'models.0.weights'],
    ['fractional bytes', (m: ModelManifest) => (m.models[0].weights[0].bytes = 1.5), 'models.0.weights.0.bytes'],
    ['an unsafe key', (m: ModelManifest) => (m.models[0].cardJson.key = '../card.json'), 'models.0.cardJson.key'],
    ['no card', (m: ModelManifest) => delete (m.models[0] as Partial<ModelManifest['models'][0]>).cardJson, 'models.0.cardJson'],
    ['a duplicate model', (m: ModelManifest) => m.models.push(m.models[0]), 'models'],
    ['another version', (m: ModelManifest) => ((m as { version: number }).version = 1), 'version'],
  ])('rejects %s, naming the field', (_, edit, field) => {
    const manifest = valid();
    edit(manifest);
    expect(() => parseManifest(manifest)).toThrow(ManifestError);
    expect(() => parseManifest(manifest)).toThrow(`at ${field}:`);
  });
});
