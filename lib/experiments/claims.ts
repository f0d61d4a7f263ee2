/** The six claims about shared weights the evidence page tests, in the order it tests them. */
export const CLAIM_KEYS = ['parameters', 'convergence', 'regularisation', 'locality', 'invariance', 'prior'] as const;
export type ClaimKey = (typeof CLAIM_KEYS)[number];

/** What the numbers say about a claim. */
export const VERDICTS = ['supported', 'contradicted', 'mixed', 'no-difference'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A verdict with its one sentence, written from the numbers. */
export interface VerdictResult {
  verdict: Verdict;
  sentence: string;
}

/** Verdict from the two halves of a claim, each holding, reversed, or unclear. */
export function combineHalves(first: Half, second: Half): Verdict {
  if (first === 'holds' && second === 'holds') return 'supported';
  if (first === 'unclear' && second === 'unclear') return 'no-difference';
  if (first !== 'holds' && second !== 'holds') return 'contradicted';
  return 'mixed';
}

/** One half of a two-part claim: the numbers go the claimed way, the other way, or neither clearly. */
export type Half = 'holds' | 'reversed' | 'unclear';
