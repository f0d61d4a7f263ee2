import { isIP } from 'node:net';
import type { Env } from '@/lib/env';

/**
 * The client's address as the trusted header gives it, or null when it names none.
 * - `x-real-ip` (Vercel's edge overwrites it): the whole value.
 * - `x-forwarded-for`: the last entry, the one the nearest proxy appended (or, on a bare `next start`,
 *   the socket address Next.js fills in when the client sent none). Earlier entries are the
 *   client's own claims.
 */
export function clientAddress(headers: Headers, header: Env['CLIENT_IP_HEADER']): string | null {
  const value = headers.get(header);
  if (!value) return null;
  const candidate = (header === 'x-forwarded-for' ? value.split(',').at(-1)! : value).trim();
  return normaliseAddress(candidate);
}

/**
 * One spelling per client: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 cut to its /64 (one
 * subscriber's whole prefix, so rotating addresses within it does not reset a limit); null for
 * anything that is not an IP address.
 */
export function normaliseAddress(text: string): string | null {
  const address = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, lowercase, without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted quad is the last two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : new Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16).toString(16));
}
