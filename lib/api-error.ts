/**
 * The one shape of every error the app's routes answer (`/api/share`, `/api/models/manifest`, `/api/models/cards`,
 * `/blob/…`): a message for people, and the request field at fault, null when it is the request as
 * a whole or not the request at all.
 */
export interface ApiError {
  error: string;
  field: string | null;
}

/** A JSON error response in that shape. */
export function apiError(
  status: number,
  error: string,
  { field = null, headers }: { field?: string | null; headers?: HeadersInit } = {},
): Response {
  return Response.json({ error, field } satisfies ApiError, { status, headers });
}

/** The ApiError in a response body, or null when the body is not one. */
export function asApiError(body: unknown): ApiError | null {
  if (typeof body !== 'object' || body === null) return null;
  const { error, field } = body as Record<string, unknown>;
  return typeof error === 'string' ? { error, field: typeof field === 'string' ? field : null } : null;
}
