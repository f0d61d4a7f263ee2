import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { refuseRequest, type RequestRefusal } from './request-guard';
import { SECURITY_HEADERS } from './security-headers';

let uninstall: (() => void) | undefined;

/**
 * Answers what Next.js 16 cannot (see `refuseRequest`) before Next.js sees it, in every
 * `http.Server` of this process: a TRACE or a `GET *` fails inside Next.js before any proxy or
 * route code runs, with a 500 and a stack trace. Next.js offers no hook at that depth, so this
 * wraps `http.Server.prototype.emit` for the `request` event; `next start` creates its server
 * through `http.createServer`. Idempotent; returns the undo, for tests.
 */
export function installRequestGuard(): () => void {
  if (uninstall) return uninstall;
  const original = Server.prototype.emit;
  Server.prototype.emit = function guardedEmit(this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      const refusal = refuseRequest(request.method, request.url);
      if (refusal) {
        answer(request, response, refusal);
        return true;
      }
    }
    return original.apply(this, [event, ...args] as Parameters<Server['emit']>);
  } as Server['emit'];
  uninstall = () => {
    Server.prototype.emit = original;
    uninstall = undefined;
  };
  return uninstall;
}

function answer(request: IncomingMessage, response: ServerResponse, refusal: RequestRefusal): void {
  // Drain whatever body came along, so the connection stays usable.
  request.resume();
  const headers: Record<string, string> = Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key, value]));
  if (refusal.allow) headers.allow = refusal.allow;
  if (refusal.status === 204) {
    response.writeHead(204, headers).end();
    return;
  }
  const body = JSON.stringify({ error: refusal.error, field: null });
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(body));
  headers['cache-control'] = 'no-store';
  response.writeHead(refusal.status, headers).end(body);
}
