import type { Metadata, Viewport } from 'next';
import './globals.css';

// Static, so that the lab's page can be served as built; a shared result's page, whose link
// previews need absolute URLs, sets its own metadataBase per request (app/s/[id]/page.tsx).
export const metadata: Metadata = {
  title: { default: 'Weight Sharing Lab', template: '%s · Weight Sharing Lab' },
  description:
    'Draw a digit and watch two networks with the same shape — one with shared weights (a CNN), one without (a locally connected network) — read it, side by side, in your browser.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
