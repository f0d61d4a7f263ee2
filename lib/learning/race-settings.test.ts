import { describe, expect, it } from 'vitest';
import { DEFAULT_RACE_SETTINGS, evaluationInterval, parseRaceSettings } from './race-settings';

describe('parseRaceSettings', () => {
  it('accepts the defaults and the limits', () => {
    expect(parseRaceSettings(DEFAULT_RACE_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_RACE_SETTINGS });
    expect(parseRaceSettings({ models: ['mlp', 'lcn'], trainImages: 5000, epochs: 20 }).ok).toBe(true);
  });

  it.each([
    [{ ...DEFAULT_RACE_SETTINGS, trainImages: 50 }, 'trainImages: must be at least 100 digits'],
    [{ ...DEFAULT_RACE_SETTINGS, trainImages: 5001 }, 'trainImages: must be at most 5000 digits'],
    [{ ...DEFAULT_RACE_SETTINGS, trainImages: 100.5 }, 'trainImages: must be a whole number of digits'],
    [{ ...DEFAULT_RACE_SETTINGS, epochs: 0 }, 'epochs: must be at least 1 epoch'],
    [{ ...DEFAULT_RACE_SETTINGS, models: ['cnn', 'cnn'] }, 'models: must name two different models'],
    [{ ...DEFAULT_RACE_SETTINGS, models: ['cnn', 'cnn-gap'] }, 'models.1'],
    [{ ...DEFAULT_RACE_SETTINGS, extra: 1 }, 'settings'],
  ])('refuses %j with a message naming the field', (input, message) => {
    const parsed = parseRaceSettings(input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(message);
  });

  it('evaluates about a dozen times a run, never more often than every 5 steps', () => {
    expect(evaluationInterval(80)).toBe(7);
    expect(evaluationInterval(20)).toBe(5);
    expect(evaluationInterval(1563)).toBe(131);
  });
});
