import { parseShareRequest } from '@/lib/share/request';
import { sharePath } from '@/lib/share/id';
import { saveShare } from '@/lib/share/store';

/** Stores a lab result: 201 `{ id, url }` (200 when it was already stored), 400 / 413 `{ error, field }`. */
export async function POST(request: Request): Promise<Response> {
  const parsed = await parseShareRequest(request);
  if (!parsed.ok) return Response.json({ error: parsed.error, field: parsed.field }, { status: parsed.status });
  try {
    const { id, created } = await saveShare(parsed.share);
    return Response.json({ id, url: sharePath(id) }, { status: created ? 201 : 200 });
  } catch (error) {
    console.error('[share] could not store a share:', error);
    return Response.json({ error: 'Could not store the result; try again later', field: null }, { status: 503 });
  }
}

function methodNotAllowed(): Response {
  return Response.json({ error: 'Use POST', field: null }, { status: 405, headers: { allow: 'POST' } });
}

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
