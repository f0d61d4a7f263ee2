import { describe, expect, it } from 'vitest';
import { apiError, asApiError } from './api-error';

describe('apiError', () => {
  it('answers { error, field } as JSON with the status and headers given', async () => {
    const response = apiError(405, 'Use POST', { headers: { allow: 'POST' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ error: 'Use POST', field: null });
    expect(await apiError(400, 'shift.dx: too big', { field: 'shift.dx' }).json()).toEqual({
      error: 'shift.dx: too big',
      field: 'shift.dx',
    });
  });

  it('recognises the shape in a parsed body, and nothing else', () => {
    expect(asApiError({ error: 'nope', field: 'v' })).toEqual({ error: 'nope', field: 'v' });
    expect(asApiError({ error: 'nope' })).toEqual({ error: 'nope', field: null });
    for (const body of [null, 'nope', { id: 'x' }, { error: 42 }]) expect(asApiError(body)).toBeNull();
  });
});
