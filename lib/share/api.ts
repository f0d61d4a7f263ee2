/**
 * The contract of `POST /api/share`, shared by the route and the lab's share client. Types and a
 * path only: the client's bundle must not pull in the schema (zod) to know them.
 */
import type { z } from 'zod';
import type { shareSchema } from './schema';

/** Where results are shared: the route in app/api/share. */
export const SHARE_API_PATH = '/api/share';

/** The body of `POST /api/share` as today's lab builds it (version 2); the route checks every field. */
export type ShareRequest = Extract<z.input<typeof shareSchema>, { v: 2 }>;

/** The body of `POST /api/share` for a training race (version 3). */
export type RaceShareRequest = Extract<z.input<typeof shareSchema>, { v: 3 }>;

/** What `POST /api/share` answers when it stored the result (201) or already had it (200). */
export interface ShareCreated {
  id: string;
  /** Path of the page that shows the share. */
  url: string;
}
