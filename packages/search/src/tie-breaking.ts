import { PRIMARY_SOURCE_KINDS } from '@kb/contracts';
import { findCitations } from './citations';
import { LEGAL, type PreparedQuery, WEAK } from './query';
import { indexSynonyms } from './synonyms';
import type { SearchVocabulary } from './vocabulary';

/**
 * Tie-breaking among the first results of a search, after Meilisearch's ranking (see breakTies).
 */

/** How far down the results ties are broken (see breakTies): the first page. */
export const TIE_WINDOW = 10;

type RankedHit = {
  kind: string;
  title: string;
  heading: string;
  superseded: boolean;
  _rankingScoreDetails?: { words?: { matchingWords?: number }; typo?: { typoCount?: number } };
};

/** What the ties of one query are broken by (see tieBreakerOf). */
export interface TieBreaker {
  /**
   * The words a hit must match to answer the question: a citation query's provisions; else the
   * words that are not words any fact pattern has ("arrested", "convicted").
   */
  requiredWords: number;
  /** The query's concepts, each as the texts it may be written as (a citation as its keys), and its weight. */
  concepts: Array<{ texts: string[]; keys: string[]; weight: number }>;
  /** A citation query asks for the provision: no kind of document is preferred to another. */
  citation: boolean;
}

const PRACTICE_GUIDANCE = new Set(['advisory']);
const PRIMARY_SOURCES = new Set<string>(PRIMARY_SOURCE_KINDS);

/** Lower-case words separated by single spaces: "§ 236(c)—Detention" → "236 c detention". */
const plainWords = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Edits between two words (insertions, deletions, substitutions, swaps of neighbours). */
function edits(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = value;
    }
  }
  return at(a.length, b.length);
}

/** The typos a word may have and still be the word, as the index allows them (see settings). */
const typosAllowed = (word: string) => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

/** One word in the singular or the plural ("felony" or "felonies", "notice" or "notices"). */
const eitherNumber = (word: string) =>
  /[^aeiou]y$/.test(word)
    ? `${escapeRegExp(word.slice(0, -1))}(?:y|ies)`
    : `${escapeRegExp(word.replace(/(?<!s)s$/, ''))}(?:e?s)?`;

/** A phrase as a pattern of whole words, its first and last words in the singular or plural. */
function phrasePattern(words: string): RegExp {
  const parts = words.split(' ');
  const pattern = parts
    .map((word, i) => (i === 0 || i === parts.length - 1 ? eitherNumber(word) : escapeRegExp(word)))
    .join(' ');
  return new RegExp(`(?:^| )${pattern}(?: |$)`);
}

/**
 * Whether a text names a concept: any of its texts as whole words (plural allowed; a single
 * word with the typos the index forgives, "Pereda" for "Pereida"), or its citation.
 */
function names(concept: TieBreaker['concepts'][number], text: string, keys: Set<string>): boolean {
  if (concept.keys.some((k) => keys.has(k))) return true;
  return concept.texts.some((t) => {
    const words = plainWords(t);
    if (words === '') return false;
    if (phrasePattern(words).test(text)) return true;
    const typos = typosAllowed(words);
    return (
      typos > 0 &&
      !words.includes(' ') &&
      text.split(' ').some((w) => Math.abs(w.length - words.length) <= typos && edits(w, words) <= typos)
    );
  });
}

/**
 * How much of the query a hit's title or section heading names: what it is about, not what it
 * mentions (a term of art counting double, see tieBreakerOf).
 */
function topicalConcepts(hit: RankedHit, tieBreaker: TieBreaker): number {
  const topic = `${hit.title} ${hit.heading}`;
  const text = plainWords(topic);
  const keys = new Set(findCitations(topic).flatMap((c) => c.keys));
  return tieBreaker.concepts.reduce((sum, c) => sum + (names(c, text, keys) ? c.weight : 0), 0);
}

/**
 * Breaks ties among the first results. Meilisearch ranks by how many of the query's words
 * a section has — and a section lacking only a word any fact pattern has ("applicant",
 * "convicted") falls below a compendium that has them all. Among the hits that match every
 * word the question needs, with as few typos: first the documents whose title or section
 * heading names more of the query's concepts (what they are about, not what they mention);
 * then, for a practice question, current practice guidance before the law's text, and for a
 * citation, the law itself; then Meilisearch's order.
 */
export function breakTies<T extends RankedHit>(hits: T[], tieBreaker: TieBreaker): T[] {
  const window = hits.slice(0, TIE_WINDOW);
  const preference = (hit: T) => {
    if (tieBreaker.citation) return 0;
    if (PRACTICE_GUIDANCE.has(hit.kind) && !hit.superseded) return 0;
    return PRIMARY_SOURCES.has(hit.kind) ? 2 : 1;
  };
  const keyed = window.map((hit, index) => ({
    hit,
    index,
    words: Math.min(hit._rankingScoreDetails?.words?.matchingWords ?? 0, tieBreaker.requiredWords),
    typos: hit._rankingScoreDetails?.typo?.typoCount ?? 0,
    topical: topicalConcepts(hit, tieBreaker),
    preference: preference(hit),
  }));
  keyed.sort(
    (a, b) =>
      b.words - a.words ||
      a.typos - b.typos ||
      b.topical - a.topical ||
      a.preference - b.preference ||
      a.index - b.index,
  );
  return [...keyed.map((k) => k.hit), ...hits.slice(TIE_WINDOW)];
}

const tieBreakers = new WeakMap<SearchVocabulary, Record<string, string[]>>();

/** The tie breaker of a prepared query: its concepts with the synonyms the index knows for them. */
export function tieBreakerOf(prepared: PreparedQuery, vocabulary: SearchVocabulary): TieBreaker {
  let synonyms = tieBreakers.get(vocabulary);
  if (!synonyms) {
    synonyms = indexSynonyms(vocabulary);
    tieBreakers.set(vocabulary, synonyms);
  }
  const known = synonyms;
  const keys = new Set(prepared.citationKeys);
  const isKey = (t: string) => /^[a-z]+\d/.test(t) && t.endsWith('z');
  const words = prepared.text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '' && !w.startsWith('kbj'));
  // A term of art weighs more than a plain word: a citation, a phrase or abbreviation of the
  // vocabulary, a name ("Hansen"), and the bar a query implies.
  const bars = new Set(prepared.bars);
  const termOfArt = (word: string, equivalents: string[]) =>
    bars.has(word) ||
    word.startsWith('kbv') ||
    (/^[A-Z0-9&]{2,8}$/.test(word) && equivalents.length > 0) ||
    (/^[A-Z][a-z]/.test(word) && !LEGAL.has(word.toLowerCase()));
  const concepts = words
    .filter((w) => !WEAK.has(w.toLowerCase()))
    .map((word) => {
      if (keys.has(word)) return { texts: [], keys: [word], weight: 2 };
      const lower = word.toLowerCase();
      const equivalents = known[lower] ?? [];
      return {
        texts: [...(lower.startsWith('kbv') ? [] : [word]), ...equivalents.filter((t) => !isKey(t))],
        keys: equivalents.filter(isKey),
        weight: termOfArt(word, equivalents) ? 2 : 1,
      };
    });
  const leadingKeys = words.findIndex((w) => !keys.has(w));
  const citation = keys.size > 0 && leadingKeys !== 0;
  return {
    requiredWords: citation ? (leadingKeys < 0 ? words.length : leadingKeys) : prepared.requiredWords,
    concepts,
    citation,
  };
}
