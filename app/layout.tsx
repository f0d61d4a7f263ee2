import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { appEnv } from '@/lib/env';
import { siteOrigin } from '@/lib/http/site-url';
import './globals.css';

/**
 * Read per request: absolute URLs in link previews (og:image) name the site's origin — SITE_URL,
 * else the host the page was asked for — instead of Next.js's default, localhost.
 */
export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(siteOrigin(await headers(), appEnv().SITE_URL)),
    title: { default: 'Weight Sharing Lab', template: '%s · Weight Sharing Lab' },
    description:
      'Draw a digit and watch two networks with the same shape — one with shared weights (a CNN), one without (a locally connected network) — read it, side by side, in your browser.',
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
