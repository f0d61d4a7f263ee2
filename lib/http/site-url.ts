/** A host as a Host header may carry it: a DNS name or IPv4 address, or a bracketed IPv6, and a port. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The site's public origin: `siteUrl` (SITE_URL, validated in lib/env) when set, else the one the
 * request was made to — `X-Forwarded-Host`/`Host` and `X-Forwarded-Proto` (Next.js fills both from
 * the connection when no proxy did). A host that is not a plain host name gives `fallback`.
 */
export function siteOrigin(headers: Headers, siteUrl?: string, fallback = 'http://localhost'): string {
  if (siteUrl) return siteUrl;
  const host = firstValue(headers.get('x-forwarded-host')) ?? firstValue(headers.get('host'));
  if (!host || !HOST.test(host)) return fallback;
  const proto = firstValue(headers.get('x-forwarded-proto'));
  return `${proto === 'https' ? 'https' : 'http'}://${host.toLowerCase()}`;
}

/** The first entry of a comma-separated header a chain of proxies may have added to. */
function firstValue(value: string | null): string | undefined {
  return value?.split(',')[0].trim() || undefined;
}
