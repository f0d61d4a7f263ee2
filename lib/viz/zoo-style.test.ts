import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from '@/lib/models/ids';
import { MODEL_SPECS } from '@/lib/models/registry';
import { contrastRatio, MODEL_HEX, SURFACE_HEX } from './color';
import { byDesignCell, ZOO_HEX, zooSymbol } from './zoo-style';

describe('zoo style', () => {
  it('gives every model its own hue, readable on both panels', () => {
    expect(new Set(MODEL_IDS.map((id) => ZOO_HEX[id])).size).toBe(MODEL_IDS.length);
    for (const id of MODEL_IDS) {
      expect(contrastRatio(ZOO_HEX[id], SURFACE_HEX.light), id).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(ZOO_HEX[id], SURFACE_HEX.dark), id).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps the pair in the theme hues of shared and unshared weights', () => {
    expect(ZOO_HEX.cnn).toBe(MODEL_HEX.shared);
    expect(ZOO_HEX.lcn).toBe(MODEL_HEX.unshared);
  });

  it('marks each design cell with its own symbol, the same for its shared and unshared model', () => {
    const symbol = (id: string) => zooSymbol(MODEL_SPECS.find((s) => s.id === id)!.factors);
    expect(['cnn', 'lcn'].map(symbol)).toEqual(['circle', 'circle']);
    expect(['cnn-gap', 'lcn-gap'].map(symbol)).toEqual(['square', 'square']);
    expect(['cnn-shift', 'lcn-shift'].map(symbol)).toEqual(['triangle', 'triangle']);
    expect(symbol('mlp')).toBe('diamond');
  });
});

describe('byDesignCell', () => {
  it('names each cell once, shared model first, and skips cells with no model', () => {
    const models = MODEL_SPECS.filter((s) => s.id !== 'cnn-shift' && s.id !== 'lcn-shift').reverse();
    expect(byDesignCell(models, (m) => `${m.params}`)).toBe(
      'dense head: CNN 18378 vs LCN 1065994; global average pooling: CNN-GAP 13578 vs LCN-GAP 1061194; no locality: MLP 203530',
    );
    expect(byDesignCell([], () => '')).toBe('');
  });
});
