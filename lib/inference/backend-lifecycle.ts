import { adapterKey, choiceFromRace, fallbackAfter, planChoice, type ChoicePlan } from './backend-choice';
import { activateBackend, candidateBackends, loadBackend, probeAdapter, watchDeviceLoss, type BackendEnv } from './backends';
import { EngineError } from './errors';
import type { AdapterSummary, BackendChoice, BackendName, ChoiceMemory, Workload, WorkloadTimings } from './types';
import { raceBackends, type Schedule } from './warmup-race';

/**
 * The backends the engine runs on, over its life: which backends this context offers, the choice
 * (decided by the pure policy in backend-choice.ts, measured by the warm-up race in
 * warmup-race.ts when it asks for one), starting the chosen backends with a fallback, and what
 * replaces a lost WebGPU device. It never touches a model.
 */
export class BackendLifecycle {
  private readonly env: BackendEnv;
  private adapter: AdapterSummary | null = null;
  private candidates: BackendName[];
  private software: BackendName[] = [];
  private probed: Promise<void> | null = null;
  private running: BackendChoice | null = null;
  private onLost: ((message: string) => void) | null = null;

  /** `candidates` skips probing the adapter (Node tests name the backends they have). */
  constructor(env: BackendEnv, candidates: BackendName[] = []) {
    this.env = env;
    this.candidates = candidates;
    if (candidates.length > 0) this.probed = Promise.resolve();
  }

  /** What runs now and why (null before the first start). */
  get choice(): BackendChoice | null {
    return this.running;
  }

  /** Backends worth trying here (known once `probe` resolved). */
  get available(): readonly BackendName[] {
    return this.candidates;
  }

  /** The WebGPU adapter found by `probe` (null: none). */
  get adapterSummary(): AdapterSummary | null {
    return this.adapter;
  }

  /** Finds the adapter and the backends worth trying, once. */
  probe(): Promise<void> {
    this.probed ??= (async () => {
      this.adapter = await probeAdapter();
      ({ available: this.candidates, software: this.software } = candidateBackends(this.adapter));
    })();
    return this.probed;
  }

  /** Forced → as asked; else a choice remembered for this adapter, the only backend, or a race (with the backend that answers meanwhile). */
  async plan(forced: BackendName | 'auto', memory: ChoiceMemory): Promise<ChoicePlan> {
    await this.probe();
    return planChoice({ forced, adapter: this.adapter, key: this.key(), memory, available: this.candidates, software: this.software });
  }

  /** Times `candidates` on both workloads through `schedule` (the engine's background lane) and returns the measured choice. */
  async race(plan: Extract<ChoicePlan, { kind: 'race' }>, schedule: Schedule, stop: () => boolean): Promise<BackendChoice | null> {
    const timings = await raceBackends(
      plan.candidates,
      { load: (name) => loadBackend(name, this.env), activate: (name) => this.activate(name) },
      schedule,
      stop,
    );
    if (stop() || Object.keys(timings).length === 0) return null;
    return choiceFromRace(timings, plan.why, this.adapter, this.key());
  }

  /**
   * Makes `name` the active tfjs backend (its package loads on first use); a WebGPU device is
   * watched for loss from its first activation. False when it cannot start here.
   */
  async activate(name: BackendName): Promise<boolean> {
    const ok = await activateBackend(name, this.env);
    if (ok && name === 'webgpu') watchDeviceLoss((info) => this.onLost?.(info.message));
    return ok;
  }

  /** Like `activate`, for a backend a model is about to run on. @throws EngineError 'backend' when it will not start. */
  async require(name: BackendName): Promise<void> {
    if (!(await this.activate(name))) throw new EngineError({ code: 'backend', message: `The ${name} backend failed to start` });
  }

  /**
   * Starts both backends of `choice` (single predictions last, so it is the active one), each
   * replaced by its next-best when it fails (the choice then says so). Returns what runs.
   * @throws EngineError 'backend' when nothing starts.
   */
  async start(choice: BackendChoice): Promise<BackendChoice> {
    const sweepBackend = await this.startOrFallBack(choice.sweepBackend, choice.timings, 'sweep');
    const backend = await this.startOrFallBack(choice.backend, choice.timings, 'single');
    const failed = [choice.backend, choice.sweepBackend].filter((b, i) => b !== [backend, sweepBackend][i]);
    this.running =
      failed.length === 0
        ? choice
        : {
            ...choice,
            backend,
            sweepBackend,
            reason: 'fallback',
            detail: `${failed.join(' and ')} failed to start; running on ${backend === sweepBackend ? backend : `${backend} and ${sweepBackend}`}`,
          };
    return this.running;
  }

  /** `onLost(message)` is called when the device of a WebGPU backend in use is lost. */
  watchDeviceLoss(onLost: (message: string) => void): void {
    this.onLost = onLost;
  }

  /**
   * What replaces a lost WebGPU device: WebGPU leaves the candidates and each workload that ran on
   * it moves to its runner-up. Null when WebGPU ran nothing or nothing else is left.
   */
  replaceLostDevice(message: string): BackendChoice | null {
    const running = this.running;
    this.candidates = this.candidates.filter((b) => b !== 'webgpu');
    if (!running || (running.backend !== 'webgpu' && running.sweepBackend !== 'webgpu')) return null;
    const replace = (b: BackendName, workload: Workload) =>
      b === 'webgpu' ? fallbackAfter('webgpu', this.candidates, running.timings, workload) : b;
    const backend = replace(running.backend, 'single');
    const sweepBackend = replace(running.sweepBackend, 'sweep');
    if (!backend || !sweepBackend) return null;
    const now = backend === sweepBackend ? backend : `${backend} (predictions) and ${sweepBackend} (sweeps)`;
    return {
      ...running,
      backend,
      sweepBackend,
      reason: 'fallback',
      detail: `The WebGPU device was lost (${message || 'no reason given'}); switched to ${now} without reloading`,
    };
  }

  private async startOrFallBack(
    name: BackendName,
    timings: Partial<Record<BackendName, WorkloadTimings>> | undefined,
    workload: Workload,
  ): Promise<BackendName> {
    if (await this.activate(name)) return name;
    const next = fallbackAfter(name, this.candidates, timings, workload);
    if (next && (await this.activate(next))) return next;
    throw new EngineError({ code: 'backend', message: `The ${name} backend failed to start and no fallback worked` });
  }

  private key(): string {
    return adapterKey(this.adapter, globalThis.crossOriginIsolated === true);
  }
}
