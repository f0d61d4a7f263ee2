import { describe, expect, it } from 'vitest';
import { hasValidEscapes, refuseRequest } from './request-guard';

describe('refuseRequest', () => {
  it.each([
    ['GET', '/'],
    ['POST', '/api/share'],
    ['GET', '/blob/models/manifest.json?x=%zz'],
    ['GET', '/s/AAAAAAAAAAAAAAAAAAAAAA'],
    ['GET', '/blob/a%2Fb'],
    ['GET', '/%C3%A9'],
    ['OPTIONS', '/api/share'],
    ['DELETE', '/'],
    ['GET', 'http://localhost:3000/s/abc?x=1'],
  ])('lets %s %s through', (method, target) => {
    expect(refuseRequest(method, target)).toBeNull();
  });

  it.each(['TRACE', 'TRACK', 'CONNECT', 'trace'])('refuses %s with 405 and the methods the server has', (method) => {
    expect(refuseRequest(method, '/api/share')).toEqual({
      status: 405,
      error: `${method} is not supported`,
      allow: 'GET, HEAD, POST, OPTIONS',
    });
  });

  it('answers OPTIONS * with what the server supports and refuses * for anything else', () => {
    expect(refuseRequest('OPTIONS', '*')).toMatchObject({ status: 204, allow: 'GET, HEAD, POST, OPTIONS' });
    expect(refuseRequest('GET', '*')).toMatchObject({ status: 400 });
  });

  it.each(['ftp://localhost/', '', 'blob/x', 'localhost:3000', undefined])('refuses the request target %j: not a path', (target) => {
    expect(refuseRequest('GET', target)).toMatchObject({ status: 400, error: 'The request target must be a path' });
  });

  it.each(['/blob/%zz', '/s/%zz', '/%', '/a%2', '/%E0%A4%A', '/%C3%28', '/api/share%FF', 'http://localhost/blob/%zz'])(
    'refuses the malformed escape in %s',
    (target) => {
      expect(refuseRequest('GET', target)).toEqual({ status: 400, error: 'The path has a malformed percent-escape' });
    },
  );
});

describe('hasValidEscapes', () => {
  it('accepts paths without escapes or with valid UTF-8 escapes', () => {
    expect(hasValidEscapes('/s/abc')).toBe(true);
    expect(hasValidEscapes('/%E2%9C%93')).toBe(true);
  });
});
