import { describe, expect, it } from 'vitest';
import { refuseCrossSiteWrite } from './same-origin';

const post = (headers: Record<string, string>) => new Request('http://localhost:3000/api/share', { method: 'POST', headers, body: '{}' });
const json = { 'content-type': 'application/json' };

describe('refuseCrossSiteWrite', () => {
  it.each([
    ['a same-origin fetch', { ...json, host: 'lab.example', origin: 'https://lab.example', 'sec-fetch-site': 'same-origin' }],
    ['JSON with a charset', { 'content-type': 'Application/JSON; charset=utf-8', host: 'lab.example' }],
    ['no Origin or Sec-Fetch-Site (curl, a server)', { ...json, host: 'lab.example' }],
    ['the origin behind a proxy', { ...json, host: '10.0.0.5:3000', 'x-forwarded-host': 'lab.example', origin: 'https://lab.example' }],
    ['the configured SITE_URL', { ...json, host: '10.0.0.5:3000', origin: 'https://lab.example.org' }],
    ['localhost with its port', { ...json, host: 'localhost:3200', origin: 'http://localhost:3200', 'sec-fetch-site': 'same-origin' }],
  ])('lets through %s', (_, headers) => {
    expect(refuseCrossSiteWrite(post(headers), 'https://lab.example.org')).toBeNull();
  });

  it.each([
    [
      'a cross-site form (text/plain)',
      { 'content-type': 'text/plain', host: 'lab.example', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    ],
    ['another site, JSON', { ...json, host: 'lab.example', origin: 'https://evil.example' }],
    ['a sibling subdomain', { ...json, host: 'lab.example', origin: 'https://x.lab.example', 'sec-fetch-site': 'same-site' }],
    ['a same-site fetch', { ...json, host: 'lab.example', 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: none', { ...json, host: 'lab.example', 'sec-fetch-site': 'none' }],
    ['Origin: null (sandboxed frame)', { ...json, host: 'lab.example', origin: 'null' }],
    ['another port', { ...json, host: 'localhost:3200', origin: 'http://localhost:3201' }],
    ['a garbage Origin', { ...json, host: 'lab.example', origin: '::::' }],
  ])('refuses %s with 403', (_, headers) => {
    expect(refuseCrossSiteWrite(post(headers))).toEqual({ status: 403, error: 'Shares can only be created from this site' });
  });

  it.each([
    undefined,
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
    'text/json',
  ])('refuses the content type %j with 415', (contentType) => {
    const headers: Record<string, string> = { host: 'lab.example', origin: 'https://lab.example' };
    if (contentType) headers['content-type'] = contentType;
    // A Request with a string body defaults to text/plain: remove it to test "no content type".
    const request = post(headers);
    if (!contentType) request.headers.delete('content-type');
    expect(refuseCrossSiteWrite(request)).toEqual({ status: 415, error: 'Send the share as application/json' });
  });
});
