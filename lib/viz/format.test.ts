import { describe, expect, it } from 'vitest';
import { compactPercent, formatBytes, formatMs, formatPercent, formatPoints, formatRatio, formatShift, sparseShiftTick } from './format';

describe('formatShift', () => {
  it('signs non-zero shifts with + and a true minus sign', () => {
    expect(formatShift(4)).toBe('+4');
    expect(formatShift(-5)).toBe('−5');
    expect(formatShift(0)).toBe('0');
  });
});

describe('sparseShiftTick', () => {
  it('writes every fourth shift and leaves the others blank', () => {
    const ticks = Array.from({ length: 17 }, (_, i) => sparseShiftTick(i - 8));
    expect(ticks.filter(Boolean)).toEqual(['−8', '−4', '0', '+4', '+8']);
    expect(sparseShiftTick(3)).toBe('');
    expect(sparseShiftTick(-1)).toBe('');
  });
});

describe('compactPercent', () => {
  it('rounds to whole percent and never shows a positive value as 0%', () => {
    expect(compactPercent(0.982)).toBe('98%');
    expect(compactPercent(1)).toBe('100%');
    expect(compactPercent(0)).toBe('0%');
    expect(compactPercent(0.001)).toBe('<1%');
    expect(compactPercent(0.006)).toBe('1%');
  });
});

describe('formatRatio', () => {
  it('rounds large ratios, keeps one decimal on small ones', () => {
    expect(formatRatio(1_065_994 / 18_378)).toBe('58×');
    expect(formatRatio(1.54)).toBe('1.5×');
  });
});

describe('formatPoints', () => {
  it('signs percentage points with + and a true minus sign', () => {
    expect(formatPoints(0.0123)).toBe('+1.23 pp');
    expect(formatPoints(-0.004)).toBe('−0.40 pp');
    expect(formatPoints(0)).toBe('+0.00 pp');
  });
});

describe('number formats', () => {
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
