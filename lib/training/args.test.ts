import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from '@/lib/models/ids';
import { parseEvaluateArgs, parseTrainArgs } from './args';
import { DEFAULT_HYPERPARAMETERS } from './hyperparameters';

describe('npm run train arguments', () => {
  it('defaults to a full run of every model', () => {
    expect(parseTrainArgs([], 60_000, 10_000)).toEqual({
      models: [...MODEL_IDS],
      epochs: DEFAULT_HYPERPARAMETERS.epochs,
      limit: 60_000,
      out: 'models',
      seed: DEFAULT_HYPERPARAMETERS.seed,
      shiftImages: 10_000,
      jobs: 1,
      fresh: false,
    });
  });

  it('reads both flag forms and gives a shortened run a quick shift sweep', () => {
    const args = parseTrainArgs(['--models=lcn', '--limit', '2000', '--epochs', '1', '--out', '/tmp/x'], 60_000, 10_000);
    expect(args).toMatchObject({ models: ['lcn'], limit: 2000, epochs: 1, out: '/tmp/x' });
    expect(args.shiftImages).toBeLessThan(10_000);
  });

  it('names what is wrong', () => {
    expect(() => parseTrainArgs(['--bogus', '1'], 60_000, 10_000)).toThrow("unknown argument '--bogus'");
    expect(() => parseTrainArgs(['--limit', '70000'], 60_000, 10_000)).toThrow('--limit needs an integer in 1…60000');
    expect(() => parseTrainArgs(['--models', 'rnn'], 60_000, 10_000)).toThrow("--models: unknown id(s) 'rnn'");
    expect(() => parseTrainArgs(['--jobs', '0'], 60_000, 10_000)).toThrow('--jobs needs an integer in 1…16');
    expect(() => parseTrainArgs(['--fresh=1'], 60_000, 10_000)).toThrow('--fresh takes no value');
  });

  it('reads --jobs and the standalone --fresh between other flags', () => {
    expect(parseTrainArgs(['--fresh', '--jobs', '2', '--models', 'mlp'], 60_000, 10_000)).toMatchObject({
      fresh: true,
      jobs: 2,
      models: ['mlp'],
    });
  });
});

describe('npm run evaluate arguments', () => {
  it('defaults to every model in models/ over the whole test set, and caps the sweep at it', () => {
    expect(parseEvaluateArgs([], 10_000)).toEqual({ models: [...MODEL_IDS], dir: 'models', shiftImages: 10_000 });
    expect(parseEvaluateArgs(['--dir=/tmp/m', '--models', 'cnn', '--shift-images', '20000'], 10_000)).toEqual({
      models: ['cnn'],
      dir: '/tmp/m',
      shiftImages: 10_000,
    });
  });

  it('names what is wrong', () => {
    expect(() => parseEvaluateArgs(['--epochs', '3'], 10_000)).toThrow("unknown argument '--epochs'");
    expect(() => parseEvaluateArgs(['--shift-images', '0'], 10_000)).toThrow('--shift-images needs an integer in 1…');
    expect(() => parseEvaluateArgs(['--dir'], 10_000)).toThrow('--dir needs a directory');
  });
});
