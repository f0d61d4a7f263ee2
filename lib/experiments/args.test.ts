import { describe, expect, it } from 'vitest';
import { parseExperimentArgs } from './args';

describe('npm run experiments arguments', () => {
  it('defaults to every group, one process, experiments/', () => {
    expect(parseExperimentArgs([])).toEqual({ groups: ['seeds', 'samples', 'permuted'], jobs: 1, quick: false, out: 'experiments', worker: false });
  });

  it('reads groups (in plan order), jobs, quick with its scratch directory', () => {
    expect(parseExperimentArgs(['--groups', 'permuted,seeds', '--jobs=2', '--quick', '--out', '/tmp/x'])).toMatchObject({
      groups: ['seeds', 'permuted'],
      jobs: 2,
      quick: true,
      out: '/tmp/x',
    });
  });

  it('names bad input', () => {
    expect(() => parseExperimentArgs(['--groups', 'seeds,colour'])).toThrow(/unknown group\(s\) 'colour'/);
    expect(() => parseExperimentArgs(['--jobs', '0'])).toThrow(/--jobs needs an integer in 1…16/);
    expect(() => parseExperimentArgs(['--quick'])).toThrow(/--quick needs --out DIR/);
    expect(() => parseExperimentArgs(['--epochs', '3'])).toThrow(/unknown argument '--epochs'/);
  });
});
