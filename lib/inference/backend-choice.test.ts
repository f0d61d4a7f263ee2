import { describe, expect, it } from 'vitest';
import { BACKENDS } from './types';
import {
  adapterKey,
  choiceFromRace,
  describeAdapter,
  fallbackAfter,
  hasLost,
  parseChoiceMemory,
  planChoice,
  rememberedFrom,
  rolesInWords,
  summarizeAdapter,
} from './backend-choice';

const swiftshader = summarizeAdapter({ info: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' } });
const nvidia = summarizeAdapter({ info: { vendor: 'nvidia', architecture: 'ampere', device: '', description: '' } });

describe('backend choice', () => {
  it('recognises software and fallback adapters', () => {
    expect(swiftshader?.isFallback).toBe(true);
    expect(nvidia?.isFallback).toBe(false);
    expect(summarizeAdapter({ isFallbackAdapter: true, info: {} })?.isFallback).toBe(true);
    expect(summarizeAdapter({ info: { isFallbackAdapter: true } })?.isFallback).toBe(true);
    expect(summarizeAdapter(null)).toBeNull();
    expect(describeAdapter(swiftshader)).toBe('google swiftshader (software)');
    expect(describeAdapter(null)).toBe('no WebGPU adapter');
  });

  it('keys remembered choices by adapter and isolation', () => {
    expect(adapterKey(swiftshader, false)).not.toBe(adapterKey(nvidia, false));
    expect(adapterKey(null, false)).not.toBe(adapterKey(null, true));
  });

  const all = BACKENDS;

  it('measures on a hardware adapter too, answering on wasm meanwhile', () => {
    const plan = planChoice({ forced: 'auto', adapter: nvidia, key: 'k', memory: {}, available: all });
    expect(plan).toMatchObject({ kind: 'race', candidates: ['wasm', 'webgpu', 'webgl', 'cpu'] });
    expect(plan.kind === 'race' && plan.provisional).toMatchObject({ backend: 'wasm', sweepBackend: 'wasm', reason: 'provisional' });
  });

  it('honours a forced backend for both workloads', () => {
    const plan = planChoice({ forced: 'cpu', adapter: nvidia, key: 'k', memory: {}, available: all });
    expect(plan).toMatchObject({ kind: 'use', choice: { backend: 'cpu', sweepBackend: 'cpu', reason: 'forced' } });
  });

  it('uses a choice remembered for this adapter, per workload, when both backends still run', () => {
    const memory = { k: { single: 'wasm' as const, sweep: 'webgpu' as const } };
    const plan = planChoice({ forced: 'auto', adapter: nvidia, key: 'k', memory, available: all });
    expect(plan).toMatchObject({ kind: 'use', choice: { backend: 'wasm', sweepBackend: 'webgpu', reason: 'remembered' } });
    expect(plan.kind === 'use' && plan.choice.detail).toContain('predictions on wasm, sweeps on webgpu');
    expect(planChoice({ forced: 'auto', adapter: nvidia, key: 'k', memory, available: ['wasm', 'cpu'] }).kind).toBe('race');
    expect(planChoice({ forced: 'auto', adapter: null, key: 'other', memory, available: ['wasm', 'cpu'] }).kind).toBe('race');
  });

  it('leaves software-rendered GPU backends out of the race', () => {
    const plan = planChoice({ forced: 'auto', adapter: swiftshader, key: 'k', memory: {}, available: all, software: ['webgpu', 'webgl'] });
    expect(plan).toMatchObject({ kind: 'race', candidates: ['wasm', 'cpu'] });
    expect(plan.kind === 'race' && plan.why).toContain('webgpu and webgl not raced (software renderer)');
  });

  it('starts with the only backend there is', () => {
    expect(planChoice({ forced: 'auto', adapter: null, key: 'k', memory: {}, available: ['cpu'] })).toMatchObject({
      kind: 'use',
      choice: { backend: 'cpu', reason: 'only-available' },
    });
  });

  it('takes the fastest backend of each workload, which may differ, and explains it', () => {
    const timings = { wasm: { single: 0.31, sweep: 16.2 }, webgpu: { single: 0.92, sweep: 2.4 }, cpu: { single: 3.6 } };
    const choice = choiceFromRace(timings, 'WebGPU adapter: nvidia ampere', nvidia, 'k');
    expect(choice).toMatchObject({ backend: 'wasm', sweepBackend: 'webgpu', reason: 'measured', timings, adapterKey: 'k' });
    expect(choice.detail).toBe(
      'measured: predictions on wasm (0.31 ms vs webgpu 0.92 ms, cpu 3.60 ms), sweeps on webgpu (2.40 ms vs wasm 16 ms); WebGPU adapter: nvidia ampere',
    );
    expect(rolesInWords(choice.backend, choice.sweepBackend)).toBe('predictions on wasm, sweeps on webgpu');
    expect(rolesInWords('wasm', 'wasm')).toBe('wasm');
  });

  it('never picks a backend that lost, and sweeps where predictions run when no batch was timed', () => {
    expect(choiceFromRace({ wasm: { single: 0.4 }, cpu: { single: 4, sweep: 300 } }, '', null, 'k')).toMatchObject({
      backend: 'wasm',
      sweepBackend: 'cpu',
    });
    expect(choiceFromRace({ wasm: { single: 0.4 } }, '', null, 'k')).toMatchObject({ backend: 'wasm', sweepBackend: 'wasm' });
    expect(() => choiceFromRace({}, '', null, 'k')).toThrow();
    expect(() => choiceFromRace({ cpu: { sweep: 3 } }, '', null, 'k')).toThrow();
  });

  it('calls a racer beaten when its best run is far behind the leader', () => {
    expect(hasLost([310, 290], 16)).toBe(true);
    expect(hasLost([40], 16)).toBe(false);
    expect(hasLost([310], undefined)).toBe(false);
    expect(hasLost([310], Number.POSITIVE_INFINITY)).toBe(false);
    expect(hasLost([], 16)).toBe(false);
  });

  it('falls back to the runner-up of the race, else to wasm first', () => {
    expect(fallbackAfter('webgpu', all)).toBe('wasm');
    expect(fallbackAfter('webgpu', ['webgpu', 'cpu'])).toBe('cpu');
    expect(fallbackAfter('cpu', ['cpu'])).toBeNull();
    const timings = { webgpu: { single: 1, sweep: 2 }, webgl: { single: 2, sweep: 5 }, wasm: { single: 0.3, sweep: 16 } };
    expect(fallbackAfter('webgpu', all, timings, 'sweep')).toBe('webgl');
  });

  it('remembers measured choices only, and reads stored ones defensively', () => {
    const measured = choiceFromRace({ wasm: { single: 0.3, sweep: 16 } }, '', null, 'k');
    expect(rememberedFrom(measured)).toEqual({ key: 'k', single: 'wasm', sweep: 'wasm' });
    expect(rememberedFrom({ ...measured, reason: 'provisional' })).toBeNull();
    expect(parseChoiceMemory('{"a":{"single":"wasm","sweep":"webgpu"},"b":"wasm","c":{"single":"tpu","sweep":"cpu"}}')).toEqual({
      a: { single: 'wasm', sweep: 'webgpu' },
    });
    expect(parseChoiceMemory('not json')).toEqual({});
    expect(parseChoiceMemory(null)).toEqual({});
  });
});
