import type { ModelFactors } from './registry';

/** What a model's card says about its design; cards published before the zoo carry no factors. */
export interface ContrastedModel {
  name: string;
  factors?: ModelFactors;
}

/** One way two models can differ, as said in the contrast line. */
interface Difference {
  /** e.g. "weight sharing"; "the head" reads "only the head differs". */
  cause: string;
  /** How the two sides differ, in their order, e.g. "dense vs global average pooling"; none when the cause says it all. */
  detail?: string;
}

const HEAD_WORDS: Record<ModelFactors['head'], string> = { dense: 'dense', gap: 'global average pooling' };

function trainingWords(trainShift: number): string {
  return trainShift === 0 ? 'centred' : `shifted up to ${trainShift} px`;
}

/**
 * How the connectivities differ: sharing (CNN vs LCN), locality (LCN vs MLP: neither shares, one
 * is local), or both (CNN vs MLP).
 */
function connectivityDifferences(a: ModelFactors['connectivity'], b: ModelFactors['connectivity']): Difference[] {
  if (a === b) return [];
  const shares = (c: ModelFactors['connectivity']) => c === 'shared';
  const local = (c: ModelFactors['connectivity']) => c !== 'dense';
  const out: Difference[] = [];
  if (shares(a) !== shares(b)) out.push({ cause: 'weight sharing' });
  const reach = (c: ModelFactors['connectivity']) => (local(c) ? 'local filters' : 'every pixel to every unit');
  if (local(a) !== local(b)) out.push({ cause: 'locality', detail: `${reach(a)} vs ${reach(b)}` });
  return out;
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four'];

/** "a", "a and b", "a, b and c". */
function listWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One line on what a comparison of `a` with `b` isolates, from the models' place in the zoo's
 * design: a single differing factor is the cause of what differs between them; several are
 * named, because the comparison then mixes causes.
 */
export function pairContrast(a: ContrastedModel, b: ContrastedModel): string {
  if (!a.factors || !b.factors) {
    const unknown = a.factors || b.factors ? `${(a.factors ? b : a).name}’s card does not` : 'Neither card does';
    return `${unknown} say how the model was built, so what this comparison isolates is not known.`;
  }
  const fa = a.factors;
  const fb = b.factors;
  const same: string[] = [];
  const differences: Difference[] = connectivityDifferences(fa.connectivity, fb.connectivity);
  if (fa.connectivity === fb.connectivity) same.push('same feature layers');
  if (fa.head === fb.head) same.push('same head');
  else differences.push({ cause: 'the head', detail: `${HEAD_WORDS[fa.head]} vs ${HEAD_WORDS[fb.head]}` });
  if (fa.trainShift === fb.trainShift) same.push('same training data');
  else differences.push({ cause: 'the training data', detail: `${trainingWords(fa.trainShift)} vs ${trainingWords(fb.trainShift)}` });

  const sameWords = same.join(', ');
  const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  if (differences.length === 0) return `${sentence(sameWords)}: the two differ in nothing the zoo varies.`;
  if (differences.length === 1) {
    const [{ cause, detail }] = differences;
    return `${sentence(sameWords)} — only ${cause} differs${detail ? ` (${detail})` : ''}.`;
  }
  const causes = listWords(differences.map((d) => d.cause.replace(/^the /, '')));
  const mixes = `differs in ${causes}: the comparison mixes ${COUNT_WORDS[differences.length] ?? differences.length} causes.`;
  return same.length > 0 ? `${sentence(sameWords)} — ${mixes}` : sentence(mixes);
}
