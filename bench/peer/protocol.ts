/**
 * Messages between the bench page and the ONNX Runtime Web worker (ort-worker.ts). Both sides are
 * served to the browser as single transpiled files, so this module holds types only.
 */

/** Where the bench serves the peer's files, on the harness's own origin (routed by Playwright). */
export const PEER_PREFIX = '/__peer/';

export type PeerRequest =
  /** Creates one session per model from `${PEER_PREFIX}models/<id>.onnx`. */
  | { kind: 'load'; models: string[] }
  /** One prediction per model on one normalised image [1, 28, 28, 1], in order. */
  | { kind: 'predict'; input: Float32Array }
  /** One batched run of `model` on `count` normalised images. */
  | { kind: 'batch'; model: string; input: Float32Array; count: number };

export type PeerResponse =
  | { kind: 'loaded'; version: string; threads: number }
  /** Per model: ms from the input tensor to the output read back, and the top class. */
  | { kind: 'predicted'; results: Record<string, { ms: number; top: number }> }
  | { kind: 'batched'; ms: number; tops: number[] }
  | { kind: 'error'; message: string };
