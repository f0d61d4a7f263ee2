/**
 * The contract of `POST /api/share`, shared by the route and the lab's share client. Types and a
 * path only: the client's bundle must not pull in the schema (zod) to know them.
 */
import type { z } from 'zod';
import type { shareSchema } from './schema';

/** Where results are shared: the route in app/api/share. */
export const SHARE_API_PATH = '/api/share';

type ShareInput = z.input<typeof shareSchema>;

/**
 * The body of `POST /api/share` as a client builds it, with the results of the models it has; the
 * route checks the rest (every known model present, each result consistent).
 */
export type ShareRequest = Omit<ShareInput, 'results'> & { results: Partial<ShareInput['results']> };

/** What `POST /api/share` answers when it stored the result (201) or already had it (200). */
export interface ShareCreated {
  id: string;
  /** Path of the page that shows the share. */
  url: string;
}
