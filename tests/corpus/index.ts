// Builds the whole scoring corpus (positives per provider family and the look-alike negatives) from one seed.

import { seededRng } from '../helpers/crypto/rng.js';
import { ai } from './ai.js';
import { Corpus, type Planted } from './builder.js';
import { cloud } from './cloud.js';
import { dataAndNodes } from './data-nodes.js';
import { exchanges } from './exchanges.js';
import { mnemonicLists, moreNegatives, morePositives } from './more.js';
import { negatives } from './negatives.js';
import { wallets } from './wallets.js';

export type { Planted } from './builder.js';

/** Fixed default seed; set KEYHOUND_CORPUS_SEED to replay another. */
export const CORPUS_SEED = Number(process.env.KEYHOUND_CORPUS_SEED ?? 20240601);

export function buildCorpus(seed = CORPUS_SEED): { files: Record<string, string>; planted: Planted[]; negatives: Set<string> } {
  const c = new Corpus(seededRng(seed));
  exchanges(c);
  dataAndNodes(c);
  wallets(c);
  ai(c);
  cloud(c);
  morePositives(c);
  mnemonicLists(c);
  negatives(c);
  moreNegatives(c);
  return { files: c.files, planted: c.planted, negatives: c.negatives };
}
