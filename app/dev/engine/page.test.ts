import { afterEach, describe, expect, it } from 'vitest';
import { engineHarnessEnabled } from '@/lib/env';
import EngineHarnessPage from './page';

describe('the engine harness page', () => {
  afterEach(() => {
    delete process.env.ENGINE_HARNESS;
  });

  it('is not found unless the server runs with ENGINE_HARNESS=1, read per request', async () => {
    for (const value of [undefined, '', '0', 'true']) {
      if (value === undefined) delete process.env.ENGINE_HARNESS;
      else process.env.ENGINE_HARNESS = value;
      expect(engineHarnessEnabled()).toBe(false);
      await expect(EngineHarnessPage()).rejects.toThrow(/404/);
    }
    process.env.ENGINE_HARNESS = '1';
    expect(engineHarnessEnabled()).toBe(true);
  });
});
