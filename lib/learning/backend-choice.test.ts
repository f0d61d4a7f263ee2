import { describe, expect, it } from 'vitest';
import { fastestBackend, trainingCandidates } from './backend-choice';

describe('the training backend choice', () => {
  it('times every backend that does not emulate a GPU in software, cpu only as the last resort', () => {
    expect(trainingCandidates(['webgpu', 'webgl', 'wasm', 'cpu'], ['webgpu', 'webgl'])).toEqual(['wasm']);
    expect(trainingCandidates(['webgpu', 'webgl', 'wasm', 'cpu'], [])).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(trainingCandidates(['cpu'], [])).toEqual(['cpu']);
    expect(trainingCandidates([], [])).toEqual([]);
  });

  it('picks the fastest measured backend', () => {
    expect(fastestBackend({ webgpu: 12, wasm: 30 })).toBe('webgpu');
    expect(fastestBackend({ webgl: 40, wasm: 30, webgpu: Number.NaN })).toBe('wasm');
    expect(fastestBackend({})).toBeNull();
  });
});
