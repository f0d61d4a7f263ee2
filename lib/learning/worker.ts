/**
 * The training Web Worker ("Train them yourself"): TensorFlow.js trains here, never on the page's
 * thread. Exposes a {@link Trainer} through Comlink (worker-api.ts). Created by client.ts.
 */
import { expose } from 'comlink';
import { browserBackendEnv } from '@/lib/inference/worker-api';
import { Trainer } from './trainer';
import { trainerApi } from './worker-api';

expose(trainerApi(new Trainer(browserBackendEnv)));
