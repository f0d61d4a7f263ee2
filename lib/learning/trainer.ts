/**
 * The training worker's state: the downloaded digits, the race in progress (one at a time), its
 * Stop, and the last finished pair kept for "try your models". Runs in a Web Worker (worker.ts);
 * the page talks to it through client.ts.
 */
import { getBackend, tensor4d, tidy, train, type Tensor2D } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { INPUT_PIXELS, INPUT_SIZE } from '@/lib/digits/constants';
import { normalisePixels } from '@/lib/digits/normalise';
import { activateBackend, candidateBackends, probeAdapter, type BackendEnv } from '@/lib/inference/backends';
import { fetchVerified, gunzip, type FetchLike } from '@/lib/inference/download';
import { EngineError, errorMessage } from '@/lib/inference/errors';
import type { BackendName } from '@/lib/inference/types';
import { loadMnistSample, parseMnistSample } from '@/lib/mnist/sample';
import { getModelSpec } from '@/lib/models/registry';
import { installWasmConvGradients } from '@/lib/tfjs/wasm-conv-gradients';
import type { ManifestTrainingDigits } from '@/lib/storage/manifest';
import { median } from '@/lib/inference/latency-stats';
import { fastestBackend, trainingCandidates, type TrainingBackendChoice } from './backend-choice';
import { liveTensors, runRace, type DigitSet, type RaceModelProgress, type RaceResult } from './race';
import { parseRaceSettings, type RaceModelId } from './race-settings';
import { DEFAULT_HYPERPARAMETERS } from './recipe';
import { fixedBatch, trainStep } from './step';

/** Bytes of the training digits so far, and their total. */
export interface DataProgress {
  loadedBytes: number;
  totalBytes: number;
}

/** What the page hears while a race runs: both sides so far, and whether a held-out point was just added. */
export interface RaceUpdate {
  models: [RaceModelProgress, RaceModelProgress];
  evaluated: boolean;
  backend: BackendName;
}

/** Tensors alive in the worker, and how many of them are the weights of the pair kept for "try your models". */
export interface TrainerMemory {
  numTensors: number;
  keptTensors: number;
}

/** A finished race with how its backend was chosen. */
export interface TrainingOutcome {
  result: RaceResult;
  choice: TrainingBackendChoice;
}

/** Least time between two updates the page re-renders for, ms: fewer, cheaper main-thread tasks (evaluations always go through). */
const UPDATE_EVERY_MS = 500;

/**
 * Gives the worker's event loop a turn between steps (so Stop arrives), without setTimeout's 4 ms
 * clamp: a message to itself.
 */
function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class Trainer {
  private trainingDigits: Promise<DigitSet> | null = null;
  private running = false;
  private activated = false;
  private stopRequested = false;
  private kept: { ids: [RaceModelId, RaceModelId]; models: [LayersModel, LayersModel] } | null = null;

  constructor(
    private readonly env: BackendEnv,
    private readonly fetchImpl: FetchLike = (url) => fetch(url),
  ) {}

  /**
   * Downloads the published training digits (once; a failure is tried again on the next call),
   * checks their size and sha256 against the manifest, and decodes them. Resolves to their count.
   */
  async loadData(entry: ManifestTrainingDigits, onProgress?: (p: DataProgress) => void): Promise<number> {
    this.trainingDigits ??= (async () => {
      let loaded = 0;
      onProgress?.({ loadedBytes: 0, totalBytes: entry.file.bytes });
      const gz = await fetchVerified(
        entry.file,
        undefined,
        (delta) => {
          loaded += delta;
          onProgress?.({ loadedBytes: loaded, totalBytes: entry.file.bytes });
        },
        this.fetchImpl,
      );
      let sample;
      try {
        sample = parseMnistSample(await gunzip(gz));
      } catch (e) {
        throw new EngineError({
          code: 'integrity',
          file: entry.file.url,
          message: `The training digits do not decode: ${errorMessage(e)}`,
        });
      }
      return { count: sample.count, pixels: sample.pixels, labels: sample.labels };
    })();
    this.trainingDigits.catch(() => (this.trainingDigits = null));
    return (await this.trainingDigits).count;
  }

  /**
   * Trains the race: validates the settings, chooses the backend (forced, or by measuring one step
   * of both models on each candidate), then runs it, forwarding progress at most every 500 ms.
   */
  async start(
    input: unknown,
    backend: BackendName | 'auto',
    onUpdate?: (update: RaceUpdate) => void,
    onPhase?: (phase: 'choosing-backend' | 'training', detail: string) => void,
  ): Promise<TrainingOutcome> {
    const parsed = parseRaceSettings(input);
    if (!parsed.ok) throw new EngineError({ code: 'usage', message: parsed.error });
    if (this.running) throw new EngineError({ code: 'usage', message: 'A race is already running: stop it first' });
    if (!this.trainingDigits) throw new EngineError({ code: 'usage', message: 'The training digits are not loaded: call loadData first' });
    const settings = parsed.settings;
    this.running = true;
    this.stopRequested = false;
    try {
      this.release();
      const [trainSet, heldOutSample] = await Promise.all([this.trainingDigits, loadMnistSample()]);
      const heldOut: DigitSet = { count: heldOutSample.count, pixels: heldOutSample.pixels, labels: heldOutSample.labels };
      onPhase?.('choosing-backend', backend === 'auto' ? 'measuring the backends' : `starting ${backend}`);
      const choice = await this.chooseBackend(backend, settings.models, trainSet);
      onPhase?.('training', choice.backend);
      let last = 0;
      const result = await runRace({
        settings,
        train: trainSet,
        heldOut,
        backend: choice.backend,
        yieldNow: yieldToEventLoop,
        shouldStop: () => this.stopRequested,
        onProgress: (models, evaluated) => {
          const now = performance.now();
          if (!evaluated && now - last < UPDATE_EVERY_MS) return;
          last = now;
          onUpdate?.({ models: structuredClone(models), evaluated, backend: choice.backend });
        },
        keepModels: (models) => (this.kept = { ids: settings.models, models }),
      });
      return { result, choice };
    } finally {
      this.running = false;
    }
  }

  /** Ends the running race after its current step (it resolves as 'stopped'); no-op when none runs. */
  stop(): boolean {
    if (this.running) this.stopRequested = true;
    return this.running;
  }

  /** Class probabilities of the kept pair ("try your models") for one 28×28 uint8 digit. */
  predict(pixels: Uint8Array): Record<string, number[]> {
    if (!this.kept) throw new EngineError({ code: 'usage', message: 'No trained models: finish a race first' });
    if (pixels.length !== INPUT_PIXELS)
      throw new EngineError({ code: 'usage', message: `A digit has ${INPUT_PIXELS} pixels, not ${pixels.length}` });
    const input = new Float32Array(INPUT_PIXELS);
    normalisePixels(pixels, input);
    const out: Record<string, number[]> = {};
    const { ids, models } = this.kept;
    models.forEach((model, m) => {
      const probs = tidy(() => model.apply(tensor4d(input, [1, INPUT_SIZE, INPUT_SIZE, 1]), { training: false }) as Tensor2D);
      out[ids[m]] = Array.from(probs.dataSync());
      probs.dispose();
    });
    return out;
  }

  /** Disposes the kept pair. */
  release(): void {
    this.kept?.models.forEach((model) => model.dispose());
    this.kept = null;
  }

  memory(): TrainerMemory {
    // Before the first race no backend has started, so tfjs holds nothing (and tf.memory() would throw).
    if (!this.activated) return { numTensors: 0, keptTensors: 0 };
    return { numTensors: liveTensors(), keptTensors: this.kept ? this.kept.models.reduce((n, m) => n + m.weights.length, 0) : 0 };
  }

  private async activate(name: BackendName): Promise<boolean> {
    if (!(await activateBackend(name, this.env))) return false;
    this.activated = true;
    // tfjs-wasm lacks the convolution filter gradient: the same workaround as Node's training.
    if (name === 'wasm') installWasmConvGradients();
    return getBackend() === name;
  }

  private async chooseBackend(
    forced: BackendName | 'auto',
    ids: [RaceModelId, RaceModelId],
    digits: DigitSet,
  ): Promise<TrainingBackendChoice> {
    if (forced !== 'auto') {
      if (!(await this.activate(forced))) throw new EngineError({ code: 'backend', message: `The ${forced} backend does not start here` });
      return { backend: forced, reason: 'forced', timings: {} };
    }
    const { available, software } = candidateBackends(await probeAdapter());
    const candidates = trainingCandidates(available, software);
    const timings: Partial<Record<BackendName, number>> = {};
    if (candidates.length > 1) {
      for (const name of candidates) {
        if (!(await this.activate(name))) continue;
        try {
          timings[name] = await timeTrainingStep(ids, digits);
        } catch {
          // A backend that cannot train these models simply does not win.
        }
      }
    }
    const backend = fastestBackend(timings) ?? candidates[0];
    if (!backend || !(await this.activate(backend))) throw new EngineError({ code: 'backend', message: 'No tfjs backend starts here' });
    return { backend, reason: candidates.length > 1 ? 'measured' : 'only-available', timings };
  }
}

/** Median time of one training step of both models on the active backend, after one warm-up step, ms. */
async function timeTrainingStep(ids: [RaceModelId, RaceModelId], digits: DigitSet): Promise<number> {
  const hp = DEFAULT_HYPERPARAMETERS;
  const models = ids.map((id) => getModelSpec(id).build({ seed: hp.seed }));
  const optimizers = models.map(() => train.adam(hp.learningRate));
  const batch = fixedBatch(
    digits.pixels,
    digits.labels,
    Uint32Array.from({ length: hp.batchSize }, (_, i) => i),
    hp.batchSize,
  );
  try {
    const times: number[] = [];
    for (let run = 0; run < 4; run++) {
      const t0 = performance.now();
      for (let m = 0; m < models.length; m++) {
        const loss = trainStep(models[m], optimizers[m], batch);
        await loss.data();
        loss.dispose();
      }
      if (run > 0) times.push(performance.now() - t0);
      await yieldToEventLoop();
    }
    return median(times);
  } finally {
    batch.xs.dispose();
    batch.ys.dispose();
    batch.rowWeights.dispose();
    optimizers.forEach((o) => o.dispose());
    models.forEach((m) => m.dispose());
  }
}
