import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCard, type Card } from '@/lib/models/card';
import { CARD_FILE } from '@/lib/models/files';
import { parseSummary, type Summary } from './schema';

/** Parsed JSON of a committed file, or null when it does not exist (any other failure is thrown). */
async function readJsonIfPresent(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** The committed experiments/summary.json, validated; null until the experiments have been run. */
export async function readExperimentsSummary(dir = process.cwd()): Promise<Summary | null> {
  const file = path.join(dir, 'experiments', 'summary.json');
  const json = await readJsonIfPresent(file);
  return json === null ? null : parseSummary(json, file);
}

/** The zoo's committed card (models/card.json), null if there is none. Not the published one: the page downloads no models. */
export async function readCommittedCard(dir = process.cwd()): Promise<Card | null> {
  const json = await readJsonIfPresent(path.join(dir, 'models', CARD_FILE));
  return json === null ? null : parseCard(json);
}
