import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchResponse } from '@kb/contracts';
import type { SearchIndex, SectionDocument } from '@kb/search';

/**
 * The search evaluation: lawyer-style queries over the seeded corpus and the demo content, each
 * with the documents a lawyer asking it wants (by external id) and, where one part of a long
 * document answers it, the section. Written from practice, not from the engine's answers.
 */
export interface EvalQuery {
  q: string;
  /** External ids of the relevant documents: any of them in a position counts as a hit there. */
  expect: string[];
  /** The section anchor that answers it, when the document is long (checked on the first relevant hit). */
  section?: string;
  /** What the query exercises: abbreviation, citation, fact pattern, misspelling, lay term, state, federal… */
  tags: string[];
}

export const evalFolder = fileURLToPath(new URL('../search-eval', import.meta.url));

export function loadEvalSet(file = path.join(evalFolder, 'queries.json')): EvalQuery[] {
  return JSON.parse(readFileSync(file, 'utf8')) as EvalQuery[];
}

/** The committed figures a change may not fall below (`tests/search-eval.test.ts`). */
export interface EvalBaseline {
  mrr10: number;
  hit1: number;
  hit3: number;
  hit10: number;
}

export function loadBaseline(): EvalBaseline {
  return JSON.parse(readFileSync(path.join(evalFolder, 'baseline.json'), 'utf8')) as EvalBaseline;
}

/** One engine's answer: the external ids of the first ten documents, with the anchor of each hit. */
export type Ranked = Array<{ externalId: string | null; anchor?: string }>;

export interface EvalMiss {
  q: string;
  expect: string[];
  /** 1-based rank of the first relevant document, null when not in the first ten. */
  rank: number | null;
  top: Array<string | null>;
  sectionMissed?: boolean;
}

export interface EvalFigures extends EvalBaseline {
  queries: number;
  /** Queries whose first relevant document was not first. */
  misses: EvalMiss[];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** MRR@10, hit@1, hit@3 and hit@10 of one engine over the set. */
export async function evaluate(set: EvalQuery[], search: (q: string) => Promise<Ranked>): Promise<EvalFigures> {
  let reciprocal = 0;
  let hit1 = 0;
  let hit3 = 0;
  let hit10 = 0;
  const misses: EvalMiss[] = [];
  for (const query of set) {
    const ranked = (await search(query.q)).slice(0, 10);
    const index = ranked.findIndex((hit) => hit.externalId !== null && query.expect.includes(hit.externalId));
    // A long document found at the wrong section is half an answer: it counts from the next rank.
    const sectionMissed = index >= 0 && query.section !== undefined && ranked[index]?.anchor !== query.section;
    const rank = index < 0 ? null : index + 1 + (sectionMissed ? 1 : 0);
    if (rank !== null && rank <= 10) {
      reciprocal += 1 / rank;
      if (rank <= 1) hit1++;
      if (rank <= 3) hit3++;
      hit10++;
    }
    if (rank !== 1) {
      misses.push({
        q: query.q,
        expect: query.expect,
        rank: rank !== null && rank <= 10 ? rank : null,
        top: ranked.slice(0, 3).map((h) => h.externalId),
        ...(sectionMissed ? { sectionMissed: true } : {}),
      });
    }
  }
  const n = set.length || 1;
  return {
    queries: set.length,
    mrr10: round(reciprocal / n),
    hit1: round(hit1 / n),
    hit3: round(hit3 / n),
    hit10: round(hit10 / n),
    misses,
  };
}

/** The product's search, as a reader calls it. */
export const throughApi =
  (call: (q: string) => Promise<SearchResponse>) =>
  async (q: string): Promise<Ranked> => {
    const response = await call(q);
    return response.hits.map((hit) => ({ externalId: hit.externalId, anchor: hit.section.anchor }));
  };

/**
 * Raw Meilisearch with its default settings, over the same section documents: what a team
 * gets without query understanding, vocabulary or tuned ranking. Sections are folded into
 * documents in rank order, as the API's distinct attribute does.
 */
export async function rawMeilisearch(
  client: SearchIndex['client'],
  uid: string,
  sections: SectionDocument[],
): Promise<(q: string) => Promise<Ranked>> {
  await client.deleteIndexIfExists(uid);
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 30_000 });
  const task = await client.index(uid).addDocuments(sections).waitTask({ timeout: 120_000 });
  if (task.status !== 'succeeded') throw new Error(`raw index: ${task.error?.message ?? task.status}`);
  return async (q: string) => {
    const response = await client.index<SectionDocument>(uid).search(q, { limit: 200 });
    const seen = new Set<string>();
    const ranked: Ranked = [];
    for (const hit of response.hits) {
      if (seen.has(hit.documentId)) continue;
      seen.add(hit.documentId);
      ranked.push({ externalId: hit.externalId, anchor: hit.anchor });
    }
    return ranked;
  };
}

export function formatFigures(name: string, figures: EvalFigures): string {
  return `${name.padEnd(28)} MRR@10 ${figures.mrr10.toFixed(3)}  hit@1 ${figures.hit1.toFixed(3)}  hit@3 ${figures.hit3.toFixed(3)}  hit@10 ${figures.hit10.toFixed(3)}  (${figures.queries} queries)`;
}

export function formatMisses(figures: EvalFigures): string[] {
  return figures.misses.map(
    (m) =>
      `  ${m.rank === null ? 'miss' : `#${m.rank}`.padEnd(4)} ${JSON.stringify(m.q)} → want ${m.expect.join(' | ')}${m.sectionMissed ? ' (wrong section)' : ''}; top: ${m.top.join(', ')}`,
  );
}
