import { allowHeader } from './methods';

/** Methods no route of this app supports and Next.js cannot even turn into a Request (it answers 500). */
const UNSUPPORTED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

/** Every method some route supports: the Allow of a refused TRACE. */
export const SERVER_METHODS = allowHeader(['GET', 'HEAD', 'POST']);

/** How to refuse a request before it reaches Next.js, or null to let it through. */
export interface RequestRefusal {
  status: 204 | 400 | 405;
  error: string;
  allow?: string;
}

/**
 * Checks what Next.js 16 fails on with a 500 before any application code runs: a TRACE, TRACK
 * or CONNECT method (undici's Request refuses them), a request target that is not a path (`*`,
 * which Next.js hands to `new URL()` alone), and a path with a malformed percent-escape (`%zz`,
 * a DecodeError in route matching). `target` is the raw request target, query included.
 */
export function refuseRequest(method: string | undefined, target: string | undefined): RequestRefusal | null {
  if (method && UNSUPPORTED_METHODS.has(method.toUpperCase()))
    return { status: 405, error: `${method} is not supported`, allow: SERVER_METHODS };
  if (target === '*') {
    // `OPTIONS *` asks what the server supports; any other method on `*` is meaningless.
    return method === 'OPTIONS'
      ? { status: 204, error: '', allow: SERVER_METHODS }
      : { status: 400, error: 'The request target * is only meaningful for OPTIONS' };
  }
  // Origin form (`/path`), or absolute form (`http://host/path`), which HTTP/1.1 servers must accept.
  const absolute = target ? /^https?:\/\/[^/?#]*/i.exec(target) : null;
  if (!target || (!target.startsWith('/') && !absolute)) return { status: 400, error: 'The request target must be a path' };
  const path = (absolute ? target.slice(absolute[0].length) : target).split(/[?#]/, 1)[0];
  if (!hasValidEscapes(path)) return { status: 400, error: 'The path has a malformed percent-escape' };
  return null;
}

/** True when every `%` starts a valid escape and the escapes decode as UTF-8. */
export function hasValidEscapes(path: string): boolean {
  if (!path.includes('%')) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
