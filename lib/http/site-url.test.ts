import { describe, expect, it } from 'vitest';
import { siteOrigin } from './site-url';

describe('siteOrigin', () => {
  const h = (entries: Record<string, string>) => new Headers(entries);
  it('prefers SITE_URL, then the forwarded host and scheme, then Host', () => {
    expect(siteOrigin(h({ host: 'localhost:3000' }), 'https://lab.example.org')).toBe('https://lab.example.org');
    expect(siteOrigin(h({ host: '10.0.0.5:3000', 'x-forwarded-host': 'Lab.Example', 'x-forwarded-proto': 'https' }))).toBe(
      'https://lab.example',
    );
    expect(siteOrigin(h({ host: 'localhost:3200' }))).toBe('http://localhost:3200');
    expect(siteOrigin(h({ host: '[::1]:3200' }))).toBe('http://[::1]:3200');
    expect(siteOrigin(h({ host: 'a.example', 'x-forwarded-host': 'b.example, c.example', 'x-forwarded-proto': 'https,http' }))).toBe(
      'https://b.example',
    );
  });

  it.each(['evil.example/path', 'a b', 'evil.example"><script>', 'user@evil.example', ''])('falls back for the host %j', (host) => {
    expect(siteOrigin(h({ host }))).toBe('http://localhost');
  });
});
