import 'server-only';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseCard, type Card } from '@/lib/models/card';
import { CARD_FILE } from '@/lib/models/files';
import { buildEvidence, type ClaimEvidence } from './evidence';
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

const summaryFile = (dir: string) => path.join(dir, 'experiments', 'summary.json');
const cardFile = (dir: string) => path.join(dir, 'models', CARD_FILE);

/** The committed experiments/summary.json, validated; null until the experiments have been run. */
async function readExperimentsSummary(dir: string): Promise<Summary | null> {
  const file = summaryFile(dir);
  const json = await readJsonIfPresent(file);
  return json === null ? null : parseSummary(json, file);
}

/** The zoo's committed card (models/card.json), null if there is none. Not the published one: the page downloads no models. */
async function readCommittedCard(dir: string): Promise<Card | null> {
  const json = await readJsonIfPresent(cardFile(dir));
  return json === null ? null : parseCard(json);
}

/** Modification time and size of a file, or 'none': what tells one version of a committed file from the next. */
async function versionOf(file: string): Promise<string> {
  try {
    const { mtimeMs, size } = await stat(file);
    return `${mtimeMs}:${size}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}

/** What the evidence page shows: every claim, and whether the summary is a `--quick` smoke run's. */
export interface Evidence {
  claims: ClaimEvidence[];
  quick: boolean;
}

let cached: { key: string; evidence: Promise<Evidence> } | undefined;

/**
 * The evidence page's claims from the committed summary and card, built once per version of those
 * files: reading, validating and building them was ≈ 7 ms of the page's ≈ 22 ms under load, and
 * the files change only with a deploy (or a local experiments run, which this notices).
 */
export async function readEvidence(dir = process.cwd()): Promise<Evidence> {
  const key = [dir, ...(await Promise.all([versionOf(summaryFile(dir)), versionOf(cardFile(dir))]))].join('|');
  if (cached?.key !== key) {
    const evidence = Promise.all([readExperimentsSummary(dir), readCommittedCard(dir)]).then(([summary, card]) => ({
      claims: buildEvidence(summary, card),
      quick: summary?.quick ?? false,
    }));
    cached = { key, evidence };
    // A failed read is reported to this request and retried by the next.
    evidence.catch(() => {
      if (cached?.evidence === evidence) cached = undefined;
    });
  }
  return cached.evidence;
}
