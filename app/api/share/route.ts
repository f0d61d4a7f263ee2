import { apiError } from '@/lib/api-error';
import type { ShareCreated } from '@/lib/share/api';
import { parseShareRequest } from '@/lib/share/request';
import { sharePath } from '@/lib/share/id';
import { saveShare } from '@/lib/share/store';

/** Stores a lab result: 201 `ShareCreated` (200 when it was already stored), 400 / 413 / 503 `ApiError`. */
export async function POST(request: Request): Promise<Response> {
  const parsed = await parseShareRequest(request);
  if (!parsed.ok) return apiError(parsed.status, parsed.error, { field: parsed.field });
  try {
    const { id, created } = await saveShare(parsed.share);
    return Response.json({ id, url: sharePath(id) } satisfies ShareCreated, { status: created ? 201 : 200 });
  } catch (error) {
    console.error('[share] could not store a share:', error);
    return apiError(503, 'Could not store the result; try again later');
  }
}

function methodNotAllowed(): Response {
  return apiError(405, 'Use POST', { headers: { allow: 'POST' } });
}

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
