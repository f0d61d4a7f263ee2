import { apiError } from '@/lib/api-error';
import { appEnv } from '@/lib/env';
import { methodHandlers } from '@/lib/http/methods';
import { refuseCrossSiteWrite } from '@/lib/http/same-origin';
import { getShareRateLimiter } from '@/lib/ratelimit';
import { clientAddress } from '@/lib/ratelimit/client-ip';
import { tooManySharesMessage } from '@/lib/ratelimit/limiter';
import type { ShareCreated } from '@/lib/share/api';
import { parseShareRequest } from '@/lib/share/request';
import { sharePath } from '@/lib/share/id';
import { saveShare } from '@/lib/share/store';

/**
 * Stores a lab result: 201 `ShareCreated` (200 when it was already stored); `ApiError` with 403
 * (cross-site), 415 (not JSON), 429 + Retry-After (over the client's share limit), 400 / 413 (bad
 * body), 503 (store down).
 */
export async function POST(request: Request): Promise<Response> {
  const env = appEnv();
  const refused = refuseCrossSiteWrite(request, env.SITE_URL);
  if (refused) return apiError(refused.status, refused.error);
  const limit = await getShareRateLimiter().consume(clientAddress(request.headers, env.CLIENT_IP_HEADER) ?? 'unknown');
  if (!limit.allowed) {
    return apiError(429, tooManySharesMessage(limit.retryAfterSeconds), { headers: { 'retry-after': String(limit.retryAfterSeconds) } });
  }
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

const { OPTIONS, methodNotAllowed } = methodHandlers(['POST']);

export { OPTIONS, methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
