import { describe, expect, it } from 'vitest';
import { BACKENDS } from './types';
import { adapterKey, choiceFromRace, fallbackAfter, planChoice, summarizeAdapter } from './backend-choice';

const swiftshader = summarizeAdapter({ info: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' } });
const nvidia = summarizeAdapter({ info: { vendor: 'nvidia', architecture: 'ampere', device: '', description: '' } });

describe('backend choice', () => {
  it('recognises software and fallback adapters', () => {
    expect(swiftshader?.isFallback).toBe(true);
    expect(nvidia?.isFallback).toBe(false);
    expect(summarizeAdapter({ isFallbackAdapter: true, info: {} })?.isFallback).toBe(true);
    expect(summarizeAdapter({ info: { isFallbackAdapter: true } })?.isFallback).toBe(true);
    expect(summarizeAdapter(null)).toBeNull();
  });

  it('keys remembered choices by adapter and isolation', () => {
    expect(adapterKey(swiftshader, false)).not.toBe(adapterKey(nvidia, false));
    expect(adapterKey(null, false)).not.toBe(adapterKey(null, true));
  });

  const all = BACKENDS;

  it('uses WebGPU on a hardware adapter without measuring', () => {
    const plan = planChoice({ forced: 'auto', adapter: nvidia, key: 'k', memory: {}, available: all });
    expect(plan).toMatchObject({ kind: 'use', choice: { backend: 'webgpu', reason: 'hardware-gpu' } });
  });

  it('honours a forced backend', () => {
    const plan = planChoice({ forced: 'cpu', adapter: nvidia, key: 'k', memory: {}, available: all });
    expect(plan).toMatchObject({ kind: 'use', choice: { backend: 'cpu', reason: 'forced' } });
  });

  it('races on a software adapter, unless a choice was remembered for it', () => {
    const race = planChoice({ forced: 'auto', adapter: swiftshader, key: 'k', memory: {}, available: all });
    expect(race).toMatchObject({ kind: 'race', candidates: [...all] });
    const remembered = planChoice({ forced: 'auto', adapter: swiftshader, key: 'k', memory: { k: 'wasm' }, available: all });
    expect(remembered).toMatchObject({ kind: 'use', choice: { backend: 'wasm', reason: 'remembered' } });
    const noGpu = planChoice({ forced: 'auto', adapter: null, key: 'k', memory: { other: 'webgl' }, available: ['wasm', 'cpu'] });
    expect(noGpu.kind).toBe('race');
  });

  it('leaves software-rendered GPU backends out of the race', () => {
    const plan = planChoice({ forced: 'auto', adapter: swiftshader, key: 'k', memory: {}, available: all, software: ['webgpu', 'webgl'] });
    expect(plan).toMatchObject({ kind: 'race', candidates: ['wasm', 'cpu'] });
    expect(plan.kind === 'race' && plan.why).toContain('webgpu and webgl not raced (software renderer)');
  });

  it('takes the fastest of a race and explains it', () => {
    const choice = choiceFromRace({ webgpu: 31, wasm: 0.41, cpu: 4 }, 'WebGPU adapter is swiftshader (software)', swiftshader, 'k');
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toBe('measured');
    expect(choice.detail).toContain('wasm measured fastest: 0.41 ms vs cpu 4.00 ms, webgpu 31 ms');
    expect(() => choiceFromRace({}, '', null, 'k')).toThrow();
  });

  it('falls back from a lost WebGPU device to wasm first', () => {
    expect(fallbackAfter('webgpu', all)).toBe('wasm');
    expect(fallbackAfter('webgpu', ['webgpu', 'cpu'])).toBe('cpu');
    expect(fallbackAfter('cpu', ['cpu'])).toBeNull();
  });
});
