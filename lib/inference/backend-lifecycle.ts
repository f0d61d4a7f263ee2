import { conv2d, dispose, matMul, maxPool, reshape, tensor2d, tensor4d, tidy, type Tensor4D } from '@tensorflow/tfjs-core';
import { INPUT_PIXELS, INPUT_SIZE } from '@/lib/digits/constants';
import { adapterKey, choiceFromRace, fallbackAfter, planChoice } from './backend-choice';
import { activateBackend, candidateBackends, probeAdapter, watchDeviceLoss, type BackendEnv } from './backends';
import { EngineError } from './errors';
import { median, timeRuns } from './latency-stats';
import type { AdapterSummary, BackendChoice, BackendName, ChoiceMemory } from './types';

/**
 * The backend the engine runs on, over its life: which backends this context offers, the choice
 * (decided by the pure policy in backend-choice.ts, measured by a warm-up race when it asks for
 * one), starting the chosen backend with a fallback, and what replaces a lost WebGPU device.
 * The engine calls it between model rebuilds; it never touches a model.
 */
export class BackendLifecycle {
  private readonly env: BackendEnv;
  private adapter: AdapterSummary | null = null;
  private candidates: BackendName[];
  private software: BackendName[] = [];
  private running: BackendChoice | null = null;

  /** `candidates` skips probing the adapter (Node tests name the backends they have). */
  constructor(env: BackendEnv, candidates: BackendName[] = []) {
    this.env = env;
    this.candidates = candidates;
  }

  /** The backend running now and why (null before the first start). */
  get choice(): BackendChoice | null {
    return this.running;
  }

  /** Backends worth trying here (known after the first `choose`). */
  get available(): readonly BackendName[] {
    return this.candidates;
  }

  /** Forced → as asked; otherwise hardware WebGPU, a choice remembered for this adapter, or a warm-up race. */
  async choose(forced: BackendName | 'auto', memory: ChoiceMemory): Promise<BackendChoice> {
    if (this.candidates.length === 0) {
      this.adapter = await probeAdapter();
      ({ available: this.candidates, software: this.software } = candidateBackends(this.adapter));
    }
    const key = adapterKey(this.adapter, globalThis.crossOriginIsolated === true);
    const plan = planChoice({ forced, adapter: this.adapter, key, memory, available: this.candidates, software: this.software });
    if (plan.kind === 'use') return plan.choice;
    const timings: Partial<Record<BackendName, number>> = {};
    for (const name of plan.candidates) {
      if (await activateBackend(name, this.env)) timings[name] = await raceWarmup();
    }
    return choiceFromRace(timings, plan.why, this.adapter, key);
  }

  /**
   * Makes `choice` the active backend, or, when it fails to start, the next one that does (the
   * choice then says so). Returns what runs.
   * @throws EngineError 'backend' when nothing starts.
   */
  async start(choice: BackendChoice): Promise<BackendChoice> {
    let running = choice;
    if (!(await activateBackend(choice.backend, this.env))) {
      const next = fallbackAfter(choice.backend, this.candidates.filter((b) => b !== choice.backend));
      if (!next || !(await activateBackend(next, this.env))) {
        throw new EngineError({ code: 'backend', message: `The ${choice.backend} backend failed to start and no fallback worked` });
      }
      running = { ...choice, backend: next, reason: 'fallback', detail: `${choice.backend} failed to start; running on ${next}` };
    }
    this.running = running;
    return running;
  }

  /** Calls `onLost` once if the device of the backend running now (WebGPU) is lost. */
  watchDeviceLoss(onLost: (message: string) => void): void {
    watchDeviceLoss((info) => onLost(info.message));
  }

  /**
   * What replaces a lost WebGPU device: WebGPU leaves the candidates and the next backend is
   * returned, to be started. Null when WebGPU no longer runs (the user switched meanwhile) or
   * nothing else is left.
   */
  replaceLostDevice(message: string): BackendChoice | null {
    if (this.running?.backend !== 'webgpu') return null;
    this.candidates = this.candidates.filter((b) => b !== 'webgpu');
    const next = fallbackAfter('webgpu', this.candidates);
    if (!next) return null;
    return {
      ...this.running,
      backend: next,
      reason: 'fallback',
      detail: `The WebGPU device was lost (${message || 'no reason given'}); switched to ${next} without reloading`,
    };
  }
}

/**
 * The warm-up raced between backends: one CNN-sized image (conv 5×5×16, pool, dense), weights
 * fixed so every backend does the same work; median of 5 warm runs after a cold one.
 */
async function raceWarmup(): Promise<number> {
  const weights = tidy(() => ({
    filter: reshape(tensor2d(Float32Array.from({ length: 25 * 16 }, (_, i) => Math.sin(i)), [25, 16]), [5, 5, 1, 16]) as Tensor4D,
    dense: tensor2d(Float32Array.from({ length: 12 * 12 * 16 * 10 }, (_, i) => Math.cos(i) / 50), [12 * 12 * 16, 10]),
  }));
  const x = tensor4d(Float32Array.from({ length: INPUT_PIXELS }, (_, i) => (i % 29) / 29), [1, INPUT_SIZE, INPUT_SIZE, 1]);
  const run = async () => {
    const y = tidy(() => matMul(reshape(maxPool(conv2d(x, weights.filter, 1, 'valid'), 2, 2, 'valid'), [1, -1]), weights.dense));
    await y.data();
    y.dispose();
  };
  try {
    const times = await timeRuns(run, 5, 1);
    return median(times);
  } finally {
    dispose([x, weights.filter, weights.dense]);
  }
}
