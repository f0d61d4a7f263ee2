import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Card } from '@/lib/models/card';
import type { ModelId } from '@/lib/models/ids';
import type { Hyperparameters } from './hyperparameters';
import { TRAINING_FILE, type TrainingRecord } from './training-record';

/** How far a model in an output directory already is: nothing usable, trained with this recipe, or also evaluated. */
export type Progress = 'none' | 'trained' | 'evaluated';

async function readRecord(dir: string): Promise<TrainingRecord | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, TRAINING_FILE), 'utf8')) as TrainingRecord;
  } catch {
    return null;
  }
}

/**
 * Whether `<outDir>/<id>` can be kept: its training record must show exactly this recipe and
 * training shift (anything else is retrained), and the card must hold an entry for that very run
 * (same training date) swept over `shiftImages` images to count as evaluated.
 */
export async function progressOf(
  outDir: string,
  id: ModelId,
  hp: Hyperparameters,
  trainShift: number,
  card: Card | null,
  shiftImages: number,
): Promise<Progress> {
  const record = await readRecord(path.join(outDir, id));
  if (!record || !isDeepStrictEqual(record.hyperparameters, hp) || (record.trainShift ?? 0) !== trainShift) return 'none';
  const entry = card?.models.find((m) => m.id === id);
  return entry && entry.training.date === record.date && entry.shiftGridImages === shiftImages ? 'evaluated' : 'trained';
}
