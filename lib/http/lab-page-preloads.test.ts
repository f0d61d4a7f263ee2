import { describe, expect, it } from 'vitest';
import type { EngineManifest, ManifestModelEntry } from '@/lib/inference/types';
import type { ModelId } from '@/lib/models/ids';
import { labPagePreloads } from './lab-page-preloads';

/** A published model of `bytes` in all, in a model.json and one weight file. */
function model(id: ModelId, bytes: number): ManifestModelEntry {
  const file = (name: string, size: number) => ({
    key: `models/${id}/${name}`,
    url: `/blob/models/${id}/${name}`,
    bytes: size,
    sha256: '0'.repeat(64),
  });
  return { id, modelJson: file('model.json', 1_000), weights: [file('weights.bin', bytes - 1_000)] };
}

const manifest: EngineManifest = { models: [model('cnn', 76_000), model('lcn', 4_300_000), model('mlp', 400_000)] };
const LIST = '</api/models>; rel=preload; as=fetch; crossorigin=anonymous';
const files = (id: ModelId) =>
  [`/blob/models/${id}/model.json`, `/blob/models/${id}/weights.bin`].map(
    (url) => `<${url}>; rel=preload; as=fetch; crossorigin=anonymous; fetchpriority=low`,
  );

describe('labPagePreloads', () => {
  it("names the models' list and the files of the smaller model of the default pair", () => {
    expect(labPagePreloads('', manifest)).toBe([LIST, ...files('cnn')].join(', '));
  });

  it('follows the pair a lab link asks for, as the page will read it', () => {
    expect(labPagePreloads('?a=lcn&b=mlp&digit=3', manifest)).toBe([LIST, ...files('mlp')].join(', '));
    // A model that is not published falls back as on the page: the default pair's.
    expect(labPagePreloads('?a=nope&b=lcn', manifest)).toBe([LIST, ...files('cnn')].join(', '));
  });

  it('names only the list when no manifest is published yet', () => {
    expect(labPagePreloads('?a=lcn', null)).toBe(LIST);
  });
});
