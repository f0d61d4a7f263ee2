import { apiError } from '@/lib/api-error';

/** Methods a route handler can be asked for; Next.js answers any other itself. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** What a route supports, in the form of the Allow header. */
export function allowHeader(allow: readonly HttpMethod[]): string {
  return [...new Set([...allow, 'OPTIONS'])].join(', ');
}

/**
 * The handlers a route exports besides its real ones, so that every method gets a 4xx that says
 * what to use: `OPTIONS` (204 with Allow) and `methodNotAllowed` (405 with Allow and a JSON error),
 * to export as each method the route does not support (errors as `ApiError`). Next.js's own OPTIONS would list every
 * exported method, 405 handlers included.
 */
export function methodHandlers(allow: readonly HttpMethod[]) {
  const headers = { allow: allowHeader(allow) };
  return {
    OPTIONS: (): Response => new Response(null, { status: 204, headers }),
    methodNotAllowed: (): Response => apiError(405, `Use ${allow.join(' or ')}`, { headers }),
  };
}
