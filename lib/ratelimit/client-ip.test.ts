import { describe, expect, it } from 'vitest';
import { clientAddress, normaliseAddress } from './client-ip';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('clientAddress', () => {
  it('takes the last x-forwarded-for entry: the one the nearest proxy appended', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.9' }), 'x-forwarded-for')).toBe('203.0.113.9');
    expect(clientAddress(headers({ 'x-forwarded-for': '10.0.0.1, 198.51.100.7 , 203.0.113.9' }), 'x-forwarded-for')).toBe('203.0.113.9');
  });

  it('reads x-real-ip whole, and only the header it is told to trust', () => {
    const both = headers({ 'x-real-ip': '198.51.100.7', 'x-forwarded-for': '203.0.113.9' });
    expect(clientAddress(both, 'x-real-ip')).toBe('198.51.100.7');
    expect(clientAddress(both, 'x-forwarded-for')).toBe('203.0.113.9');
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.9' }), 'x-real-ip')).toBeNull();
  });

  it.each(['', 'unknown', 'evil.example', '999.1.1.1', '1.2.3', '<script>', '203.0.113.9, not-an-ip'])('answers null for %j', (value) => {
    expect(clientAddress(headers({ 'x-forwarded-for': value }), 'x-forwarded-for')).toBeNull();
  });
});

describe('normaliseAddress', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['[2001:db8::1]', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseAddress(input)).toBe(expected);
  });

  it('gives every address of one /64 the same key and the next /64 another', () => {
    expect(normaliseAddress('2001:db8:aa:bb::1')).toBe(normaliseAddress('2001:db8:aa:bb:dead:beef:0:7'));
    expect(normaliseAddress('2001:db8:aa:bb::1')).not.toBe(normaliseAddress('2001:db8:aa:bc::1'));
  });
});
