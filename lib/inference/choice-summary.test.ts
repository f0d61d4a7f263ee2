import { describe, expect, it } from 'vitest';
import { BACKENDS } from './types';
import { BACKEND_LABELS, choiceHeadline } from './choice-summary';

describe('choiceHeadline', () => {
  it('names the backend in plain words and says why in a few', () => {
    expect(choiceHeadline({ backend: 'wasm', reason: 'measured' })).toBe('Running on WebAssembly — fastest on this device');
    expect(choiceHeadline({ backend: 'wasm', reason: 'remembered' })).toBe('Running on WebAssembly — fastest on this device');
    expect(choiceHeadline({ backend: 'webgpu', reason: 'hardware-gpu' })).toBe('Running on WebGPU — your graphics card');
    expect(choiceHeadline({ backend: 'cpu', reason: 'forced' })).toBe('Running on plain JavaScript — chosen by you');
  });

  it('has a label for every backend and stays one short line for every reason', () => {
    const reasons = ['forced', 'hardware-gpu', 'measured', 'remembered', 'only-available', 'fallback'] as const;
    for (const backend of BACKENDS) {
      expect(BACKEND_LABELS[backend]).toBeTruthy();
      for (const reason of reasons) expect(choiceHeadline({ backend, reason }).length).toBeLessThanOrEqual(60);
    }
  });
});
