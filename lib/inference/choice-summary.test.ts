import { describe, expect, it } from 'vitest';
import { BACKENDS, type BackendChoice } from './types';
import { BACKEND_LABELS, choiceHeadline } from './choice-summary';

const REASONS: BackendChoice['reason'][] = ['forced', 'measured', 'remembered', 'provisional', 'only-available', 'fallback'];

describe('choiceHeadline', () => {
  it('names the backend in plain words and says why in a few', () => {
    expect(choiceHeadline({ backend: 'wasm', sweepBackend: 'wasm', reason: 'measured' })).toBe(
      'Running on WebAssembly — fastest on this device',
    );
    expect(choiceHeadline({ backend: 'wasm', sweepBackend: 'wasm', reason: 'remembered' })).toBe(
      'Running on WebAssembly — fastest on this device',
    );
    expect(choiceHeadline({ backend: 'wasm', sweepBackend: 'wasm', reason: 'provisional' })).toBe(
      'Running on WebAssembly — timing the others',
    );
    // The race's verdict for the same backend is never shorter than the line before it (no jump on a phone).
    for (const backend of BACKENDS) {
      expect(choiceHeadline({ backend, sweepBackend: backend, reason: 'provisional' }).length).toBeLessThanOrEqual(
        choiceHeadline({ backend, sweepBackend: backend, reason: 'measured' }).length,
      );
    }
    expect(choiceHeadline({ backend: 'cpu', sweepBackend: 'cpu', reason: 'forced' })).toBe('Running on plain JavaScript — chosen by you');
  });

  it('names both backends when predictions and sweeps run apart', () => {
    expect(choiceHeadline({ backend: 'wasm', sweepBackend: 'webgpu', reason: 'measured' })).toBe(
      'Predictions on WebAssembly, sweeps on WebGPU — fastest on this device',
    );
  });

  it('has a label for every backend and stays one short line for every reason', () => {
    for (const backend of BACKENDS) {
      expect(BACKEND_LABELS[backend]).toBeTruthy();
      for (const reason of REASONS) {
        expect(choiceHeadline({ backend, sweepBackend: backend, reason }).length).toBeLessThanOrEqual(60);
      }
      // Only a race (or what replaced a backend it chose) splits the workloads.
      for (const reason of ['measured', 'remembered', 'fallback'] as const) {
        for (const sweepBackend of BACKENDS) expect(choiceHeadline({ backend, sweepBackend, reason }).length).toBeLessThanOrEqual(80);
      }
    }
  });
});
