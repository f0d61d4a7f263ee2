import { PEER_PREFIX, type PeerRequest, type PeerResponse } from './protocol';

/**
 * Page side of the peer: starts the ONNX Runtime Web worker and publishes `window.__peer.ask`
 * (one request at a time, as the bench sends them). Served as a module script on the harness page.
 */

export interface PeerHandle {
  ask(request: PeerRequest): Promise<PeerResponse>;
}

declare global {
  interface Window {
    __peer?: PeerHandle;
  }
}

const worker = new Worker(`${PEER_PREFIX}ort-worker.js`, { type: 'module' });
let pending: { resolve(response: PeerResponse): void; reject(error: Error): void } | null = null;

worker.addEventListener('message', (event: MessageEvent<PeerResponse>) => {
  const { data } = event;
  if (data.kind === 'error') pending?.reject(new Error(data.message));
  else pending?.resolve(data);
  pending = null;
});
worker.addEventListener('error', (event) => {
  pending?.reject(new Error(event.message || 'the peer worker failed'));
  pending = null;
});

window.__peer = {
  ask: (request) =>
    new Promise((resolve, reject) => {
      if (pending) throw new Error('one request at a time');
      pending = { resolve, reject };
      worker.postMessage(request);
    }),
};
