/**
 * The inference Web Worker: owns TensorFlow.js and the models so the UI thread never runs model
 * code. Exposes an {@link InferenceEngine} through Comlink (worker-api.ts); errors cross as
 * structured data (see errors.ts). Created by client.ts with
 * `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
 */
import { expose } from 'comlink';
import { InferenceEngine } from './engine';
import { browserBackendEnv, engineApi } from './worker-api';

expose(engineApi(new InferenceEngine(browserBackendEnv)));
