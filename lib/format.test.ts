import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatPercent } from './format';

describe('format', () => {
  it('formats percentages', () => {
    expect(formatPercent(0.99123)).toBe('99.1%');
    expect(formatPercent(0.99123, 2)).toBe('99.12%');
    expect(formatPercent(1)).toBe('100.0%');
  });

  it('picks a precision that suits the duration', () => {
    expect(formatMs(0.4231)).toBe('0.42 ms');
    expect(formatMs(3.14)).toBe('3.1 ms');
    expect(formatMs(40.6)).toBe('41 ms');
    expect(formatMs(1234)).toBe('1.2 s');
    expect(formatMs(Number.NaN)).toBe('—');
  });

  it('formats byte sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(75_264)).toBe('73.5 KB');
    expect(formatBytes(4_263_976)).toBe('4.1 MB');
  });
});
