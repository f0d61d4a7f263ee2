/**
 * The pages `next build` renders once and serves as built, to every visitor: the lab's own page,
 * whose models the client fetches (app/api/models), so its HTML changes only with a build. A page
 * served as built cannot carry a per-response nonce, so its Content-Security-Policy admits its
 * inline scripts by hash, written beside it by the build (lib/http/prerendered-csp-cli.ts), and
 * the proxy leaves its policy alone. Each must stay static: its page sets `dynamic = 'error'`.
 */
/** The lab's own page. */
export const LAB_PAGE = '/';

export const PRERENDERED_PAGES: readonly string[] = [LAB_PAGE];

export const isPrerenderedPage = (pathname: string): boolean => PRERENDERED_PAGES.includes(pathname);
