import { describe, expect, it } from 'vitest';
import { MAX_SHIFT } from '@/lib/digits/constants';
import { STARTER_COUNT } from '@/lib/mnist/sample';
import { MODEL_IDS } from '@/lib/models/ids';
import { labHref, parseLabQuery, searchParamsOf, type LabState } from './lab-query';

const ALL = MODEL_IDS;

describe('parseLabQuery', () => {
  it('restores the pair, the test digit and the shift of a link', () => {
    expect(parseLabQuery({ a: 'cnn-shift', b: 'mlp', digit: '3', dx: '2', dy: '-1' }, ALL)).toEqual({
      state: { pair: ['cnn-shift', 'mlp'], digit: 3, shift: { dx: 2, dy: -1 } },
      problems: [],
    });
  });

  it('is the default pair, no digit and no shift for a plain visit', () => {
    expect(parseLabQuery({}, ALL)).toEqual({ state: { pair: ['cnn', 'lcn'], digit: null, shift: { dx: 0, dy: 0 } }, problems: [] });
  });

  it('replaces a model that is not published, and names it', () => {
    const { state, problems } = parseLabQuery({ a: 'rnn' }, ALL);
    expect(state.pair).toEqual(['cnn', 'lcn']);
    expect(problems).toEqual(["a: 'rnn' is not a published model; showing cnn"]);
    expect(parseLabQuery({ a: 'lcn-gap', b: 'cnn-gap' }, ['cnn', 'lcn', 'cnn-gap'])).toEqual({
      state: { pair: ['cnn', 'cnn-gap'], digit: null, shift: { dx: 0, dy: 0 } },
      problems: ["a: 'lcn-gap' is not a published model; showing cnn"],
    });
  });

  it('never pairs a model with itself', () => {
    expect(parseLabQuery({ a: 'lcn', b: 'lcn' }, ALL)).toMatchObject({
      state: { pair: ['lcn', 'cnn'] },
      problems: ["b: 'lcn' is the same model as a; showing cnn"],
    });
    expect(parseLabQuery({ a: 'rnn', b: 'cnn' }, ALL).state.pair).toEqual(['lcn', 'cnn']);
    expect(parseLabQuery({ b: 'cnn' }, ALL)).toEqual({ state: expect.objectContaining({ pair: ['lcn', 'cnn'] }), problems: [] });
  });

  it('clamps shifts and digits into range, naming each', () => {
    const { state, problems } = parseLabQuery({ dx: '99', dy: '-9', digit: '25' }, ALL);
    expect(state).toEqual({ pair: ['cnn', 'lcn'], digit: STARTER_COUNT - 1, shift: { dx: MAX_SHIFT, dy: -MAX_SHIFT } });
    expect(problems).toEqual([
      'digit: 25 is outside 0…19 (the test digits this page carries); using 19',
      'dx: 99 is outside -8…8 px; using 8',
      'dy: -9 is outside -8…8 px; using -8',
    ]);
  });

  it.each([
    ['dx', '1.5'],
    ['dx', 'left'],
    ['dy', ''],
    ['dy', '1e3'],
    ['dx', '99999999999999999999'],
  ])('defaults %s=%j, which is not a whole number', (key, raw) => {
    const { state, problems } = parseLabQuery({ [key]: raw }, ALL);
    expect(state.shift).toEqual({ dx: 0, dy: 0 });
    expect(problems).toEqual([`${key}: '${raw}' is not a whole number; using 0`]);
  });

  it('drops a digit that is not a whole number', () => {
    expect(parseLabQuery({ digit: 'seven' }, ALL)).toMatchObject({
      state: { digit: null },
      problems: ["digit: 'seven' is not a whole number; using none"],
    });
  });

  it('takes the first of a repeated key, and says so', () => {
    expect(parseLabQuery({ a: ['mlp', 'lcn'] }, ALL)).toMatchObject({
      state: { pair: ['mlp', 'lcn'] },
      problems: ["a: given 2 times; using the first, 'mlp'"],
    });
  });

  it('shortens a long bad value it repeats back, and ignores keys it does not know', () => {
    const { problems } = parseLabQuery({ a: 'x'.repeat(5000), utm_source: 'mail' }, ALL);
    expect(problems).toEqual([`a: '${'x'.repeat(40)}…' is not a published model; showing cnn`]);
  });
});

describe('labHref', () => {
  const plain: LabState = { pair: ['cnn', 'lcn'], digit: null, shift: { dx: 0, dy: 0 } };

  it('is the bare lab for a plain visit', () => {
    expect(labHref(plain)).toBe('/');
  });

  it('writes what differs from a plain visit', () => {
    expect(labHref({ pair: ['cnn-shift', 'mlp'], digit: 3, shift: { dx: 2, dy: -1 } })).toBe('/?a=cnn-shift&b=mlp&digit=3&dx=2&dy=-1');
    expect(labHref({ ...plain, digit: 0 })).toBe('/?digit=0');
    expect(labHref({ ...plain, shift: { dx: 0, dy: 4 } })).toBe('/?dx=0&dy=4');
    expect(labHref({ ...plain, pair: ['lcn', 'cnn'] })).toBe('/?a=lcn&b=cnn');
  });

  it('round-trips through parseLabQuery', () => {
    const state: LabState = { pair: ['lcn-gap', 'cnn'], digit: 19, shift: { dx: -8, dy: 8 } };
    const query = Object.fromEntries(new URL(labHref(state), 'http://lab.test').searchParams);
    expect(parseLabQuery(query, MODEL_IDS)).toEqual({ state, problems: [] });
  });
});

describe('searchParamsOf', () => {
  it('gives each key its value, a repeated key all of its values, and decodes them', () => {
    expect(searchParamsOf('?a=cnn&b=lcn&digit=3')).toEqual({ a: 'cnn', b: 'lcn', digit: '3' });
    expect(searchParamsOf('a=cnn&a=mlp&a=lcn&dx=%2B2')).toEqual({ a: ['cnn', 'mlp', 'lcn'], dx: '+2' });
    expect(searchParamsOf('')).toEqual({});
  });

  it('hands parseLabQuery what Next.js would: a repeated key is named as a problem', () => {
    const { state, problems } = parseLabQuery(searchParamsOf('?a=lcn&a=cnn'), ['cnn', 'lcn']);
    expect(state.pair[0]).toBe('lcn');
    expect(problems).toEqual(["a: given 2 times; using the first, 'lcn'"]);
  });
});
