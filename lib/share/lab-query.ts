/** The lab's state in its address: `/?a=<id>&b=<id>&digit=<test digit>&dx=<px>&dy=<px>`. Pure; browser- and server-safe. */
import { z } from 'zod';
import { MAX_SHIFT } from '@/lib/digits/constants';
import type { ShiftOffset } from '@/lib/digits/shift';
import { STARTER_COUNT } from '@/lib/mnist/sample';
import { DEFAULT_PAIR, type ModelId } from '@/lib/models/ids';
import { fallbackModel, type ModelPair } from '@/lib/models/pair';

/** What a lab link restores. */
export interface LabState {
  pair: ModelPair;
  /** Index of one of the test digits the page carries (MNIST test 0…STARTER_COUNT−1), or null for none. */
  digit: number | null;
  shift: ShiftOffset;
}

/** A query as Next.js hands it to a page (a repeated key is an array). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** A query string (`?a=cnn&a=lcn`) as Next.js would hand it to a page: a repeated key is an array. */
export function searchParamsOf(search: string): SearchParams {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const earlier = params[key];
    params[key] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return params;
}

/** A whole number written plainly: an optional sign and digits, nothing else. */
const wholeNumber = z
  .string()
  .trim()
  .regex(/^[+-]?\d{1,9}$/)
  .transform(Number);

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Longest stretch of a bad value repeated back in a problem. */
const QUOTE_LENGTH = 40;
const quote = (raw: string) => `'${raw.length > QUOTE_LENGTH ? `${raw.slice(0, QUOTE_LENGTH)}…` : raw}'`;

/**
 * The lab state a link asks for, among the models published now. Nothing in a link is fatal: each
 * bad value is clamped into range or replaced by its default, and `problems` says, in plain words,
 * what was asked for and what is shown instead. Unknown keys are ignored (links gain tracking tags).
 */
export function parseLabQuery(params: SearchParams, published: readonly ModelId[]): { state: LabState; problems: string[] } {
  const problems: string[] = [];
  /** The one value of a key; a repeated key counts by its first value. */
  const value = (key: string): string | undefined => {
    const raw = params[key];
    if (!Array.isArray(raw)) return raw;
    problems.push(`${key}: given ${raw.length} times; using the first, ${quote(raw[0])}`);
    return raw[0];
  };

  const asked = { a: value('a'), b: value('b') };
  const isPublished = (id: string | undefined): id is ModelId => published.includes(id as ModelId);
  const a = isPublished(asked.a) ? asked.a : fallbackModel(published, DEFAULT_PAIR, isPublished(asked.b) ? asked.b : null);
  const b = isPublished(asked.b) && asked.b !== a ? asked.b : fallbackModel(published, [DEFAULT_PAIR[1], DEFAULT_PAIR[0]], a);
  for (const [key, id, shown] of [
    ['a', asked.a, a],
    ['b', asked.b, b],
  ] as const) {
    if (id === undefined || id === shown) continue;
    problems.push(
      isPublished(id)
        ? `${key}: ${quote(id)} is the same model as a; showing ${shown}`
        : `${key}: ${quote(id)} is not a published model; showing ${shown}`,
    );
  }

  const whole = <F extends number | null>(key: string, fallback: F, min: number, max: number, unit: string): number | F => {
    const raw = value(key);
    if (raw === undefined) return fallback;
    const parsed = wholeNumber.safeParse(raw);
    const instead = fallback === null ? 'none' : String(fallback);
    if (!parsed.success) {
      problems.push(`${key}: ${quote(raw)} is not a whole number; using ${instead}`);
      return fallback;
    }
    const clamped = clamp(parsed.data, min, max);
    if (clamped !== parsed.data) problems.push(`${key}: ${parsed.data} is outside ${min}…${max} ${unit}; using ${clamped}`);
    return clamped;
  };
  const digit = whole('digit', null, 0, STARTER_COUNT - 1, '(the test digits this page carries)');
  const dx = whole('dx', 0, -MAX_SHIFT, MAX_SHIFT, 'px');
  const dy = whole('dy', 0, -MAX_SHIFT, MAX_SHIFT, 'px');
  return { state: { pair: [a, b], digit, shift: { dx, dy } }, problems };
}

/** The lab's link for `state`: only what differs from a plain visit (the default pair, no digit, no shift). */
export function labHref({ pair, digit, shift }: LabState): string {
  const query = new URLSearchParams();
  if (pair[0] !== DEFAULT_PAIR[0] || pair[1] !== DEFAULT_PAIR[1]) {
    query.set('a', pair[0]);
    query.set('b', pair[1]);
  }
  if (digit !== null) query.set('digit', String(digit));
  if (shift.dx !== 0 || shift.dy !== 0) {
    query.set('dx', String(shift.dx));
    query.set('dy', String(shift.dy));
  }
  const search = query.toString();
  return search ? `/?${search}` : '/';
}
