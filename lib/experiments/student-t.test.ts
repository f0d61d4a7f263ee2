import { describe, expect, it } from 'vitest';
import { logGamma, regularizedIncompleteBeta, studentTCdf } from './student-t';

// Reference values from SciPy 1.x (scipy.special, scipy.stats.t) and closed forms.
describe('the Student-t CDF', () => {
  it('matches closed forms: Cauchy at df = 1, and df = 2', () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    expect(studentTCdf(1, 2)).toBeCloseTo(0.5 + 1 / (2 * Math.sqrt(3)), 12);
    expect(studentTCdf(0, 7)).toBe(0.5);
  });

  it('matches SciPy, also at a fractional df (as Welch gives)', () => {
    expect(studentTCdf(2, 10)).toBeCloseTo(0.9633059826146299, 10);
    expect(studentTCdf(-0.3, 3.7)).toBeCloseTo(0.3901337435657311, 10);
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTCdf(-Infinity, 3)).toBe(0);
  });

  it('the beta and gamma functions beneath it match SciPy', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 12);
    expect(logGamma(0.3)).toBeCloseTo(1.0957979948180752, 12);
    expect(logGamma(10.5)).toBeCloseTo(13.940625219403763, 10);
  });

  it('names bad input', () => {
    expect(() => studentTCdf(1, 0)).toThrow(/df > 0/);
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(/0 ≤ x ≤ 1/);
    expect(() => logGamma(-1)).toThrow(/x > 0/);
  });
});
