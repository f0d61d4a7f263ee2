import { notFound } from 'next/navigation';

// Every address no route serves comes here, so that the not-found page is rendered per request
// and its scripts carry the response's CSP nonce (proxy.ts). Next.js's own unmatched-URL 404 is
// the page as built, whose scripts carry none and would be refused.
export const dynamic = 'force-dynamic';

export default function Missing(): never {
  notFound();
}
