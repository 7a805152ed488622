import type { Tx } from '@kb/db';
import { ABBREVIATIONS, type SearchVocabulary, type TermInfo, vocabularyAliases } from '@kb/search';
import { badRequest } from '../../lib/errors';
import { listSearchPhrases, vocabularyRows } from './taxonomy.repository';

/**
 * The vocabulary's rules, in one place: which codes exist, what a merged-away code means now,
 * which tags a document may carry, and the synonyms search gets from the terms.
 */
export interface LoadedVocabulary {
  offenseTypes: Map<string, TermInfo>;
  consequences: Map<string, TermInfo>;
  /** Codes of terms merged away → the code of the term they became, per vocabulary. */
  formerCodes: { offenseTypes: Map<string, string>; consequences: Map<string, string> };
}

/** The tag lists of a document (or of anything tagged like one). */
export interface Tags {
  offenseTypes: string[];
  consequences: string[];
}

type TagKey = keyof Tags;
const TAG_KEYS: TagKey[] = ['offenseTypes', 'consequences'];
const TAG_NAMES: Record<TagKey, string> = { offenseTypes: 'offense type', consequences: 'consequence' };

export async function loadVocabulary(db: Tx): Promise<LoadedVocabulary> {
  const vocabulary: LoadedVocabulary = {
    offenseTypes: new Map(),
    consequences: new Map(),
    formerCodes: { offenseTypes: new Map(), consequences: new Map() },
  };
  for (const row of await vocabularyRows(db)) {
    const key = row.vocabulary === 'offense_type' ? 'offenseTypes' : 'consequences';
    vocabulary[key].set(row.code, {
      code: row.code,
      label: row.label,
      synonyms: row.synonyms,
      parentCode: row.parentCode,
    });
    for (const former of row.mergedCodes) vocabulary.formerCodes[key].set(former, row.code);
  }
  return vocabulary;
}

/**
 * The code a tag has now: its own if the term exists, else the code of the term it was merged
 * into (a live term's code wins over a former code that happens to be the same); undefined
 * for a code the vocabulary never had.
 */
export function currentTermCode(vocabulary: LoadedVocabulary, key: TagKey, code: string): string | undefined {
  return vocabulary[key].has(code) ? code : vocabulary.formerCodes[key].get(code);
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The tags with the codes of merged-away terms replaced by the terms they became (an import
 * file or an editor opened before the merge still saves); other codes are left as they are,
 * for `unknownTags` to judge. The same object when nothing changed.
 */
export function withCurrentCodes<T extends Tags>(vocabulary: LoadedVocabulary, tags: T): T {
  const current = (key: TagKey) => [
    ...new Set(tags[key].map((code) => currentTermCode(vocabulary, key, code) ?? code)),
  ];
  const offenseTypes = current('offenseTypes');
  const consequences = current('consequences');
  if (sameList(offenseTypes, tags.offenseTypes) && sameList(consequences, tags.consequences)) return tags;
  return { ...tags, offenseTypes, consequences };
}

/** The tags the vocabulary does not have, named for a message ('offense type "x"'). */
export function unknownTags(vocabulary: LoadedVocabulary, tags: Tags): string[] {
  return TAG_KEYS.flatMap((key) =>
    tags[key].filter((code) => !vocabulary[key].has(code)).map((code) => `${TAG_NAMES[key]} "${code}"`),
  );
}

/** The tags with merged-away codes mapped to the terms they became (one read of the vocabulary). */
export async function currentTagCodes<T extends Tags>(tx: Tx, tags: T): Promise<T> {
  if (tags.offenseTypes.length === 0 && tags.consequences.length === 0) return tags;
  return withCurrentCodes(await loadVocabulary(tx), tags);
}

/** A 400 naming the tags the vocabulary does not have (as stored: merged codes are not mapped). */
export async function assertKnownTags(tx: Tx, tags: Tags): Promise<void> {
  if (tags.offenseTypes.length === 0 && tags.consequences.length === 0) return;
  const unknown = unknownTags(await loadVocabulary(tx), tags);
  if (unknown.length > 0) throw badRequest(`Unknown vocabulary term(s): ${unknown.slice(0, 5).join(', ')}.`);
}

/** The tags the vocabulary still has (after mapping merged codes), and those it no longer has. */
export async function withoutRemovedTags<T extends Tags>(tx: Tx, tags: T): Promise<{ tags: T; dropped: string[] }> {
  const vocabulary = await loadVocabulary(tx);
  const current = withCurrentCodes(vocabulary, tags);
  const dropped = TAG_KEYS.flatMap((key) => current[key].filter((code) => !vocabulary[key].has(code)));
  if (dropped.length === 0) return { tags: current, dropped };
  return {
    dropped,
    tags: {
      ...current,
      offenseTypes: current.offenseTypes.filter((code) => vocabulary.offenseTypes.has(code)),
      consequences: current.consequences.filter((code) => vocabulary.consequences.has(code)),
    },
  };
}

/**
 * Keeps the tags the vocabulary has and names the rest in `warnings` (a file upload keeps
 * going where an editor's save would be refused).
 */
export async function knownTagsOnly(tx: Tx, tags: Tags, warnings: string[]): Promise<Tags> {
  const vocabulary = await loadVocabulary(tx);
  const keep = (key: TagKey, what: string) => {
    const unknown = tags[key].filter((code) => !vocabulary[key].has(code));
    if (unknown.length > 0) warnings.push(`Unknown ${what} left out: ${unknown.slice(0, 5).join(', ')}.`);
    return tags[key].filter((code) => vocabulary[key].has(code));
  };
  return { offenseTypes: keep('offenseTypes', 'offense types'), consequences: keep('consequences', 'consequences') };
}

/**
 * What search treats as synonyms: the fixed abbreviations plus the terms' own, and the lawyer's
 * phrases editors maintain ("ICE hold" → "immigration detainer").
 */
export async function searchVocabulary(db: Tx): Promise<SearchVocabulary> {
  const [terms, phrases] = await Promise.all([vocabularyRows(db), listSearchPhrases(db)]);
  return {
    aliases: vocabularyAliases(terms, ABBREVIATIONS),
    phrases: phrases.map(({ kind, phrase, meanings }) => ({ kind, phrase, meanings })),
  };
}

/** The vocabulary held for checking search filter codes is re-read after this long (for removed terms). */
const VOCABULARY_TTL_MS = 30_000;
const heldVocabularies = new WeakMap<Tx, { at: number; vocabulary: Promise<LoadedVocabulary> }>();

/**
 * The vocabulary, held in memory so that checking a search's filter codes costs no query.
 * `refresh` re-reads it (at most once a second): a code it does not know may belong to a term
 * added a moment ago, here or on another replica.
 */
function heldVocabulary(db: Tx, refresh = false): Promise<LoadedVocabulary> {
  const held = heldVocabularies.get(db);
  const age = held ? Date.now() - held.at : Number.POSITIVE_INFINITY;
  if (held && age < VOCABULARY_TTL_MS && !(refresh && age > 1_000)) return held.vocabulary;
  const entry = { at: Date.now(), vocabulary: loadVocabulary(db) };
  heldVocabularies.set(db, entry);
  entry.vocabulary.catch(() => {
    if (heldVocabularies.get(db) === entry) heldVocabularies.delete(db);
  });
  return entry.vocabulary;
}

/** After a vocabulary change in this process: the next check reads the vocabulary again. */
export function forgetVocabulary(db: Tx): void {
  heldVocabularies.delete(db);
}

/**
 * Filter codes as they mean now (a link saved before a merge filters by the term the code
 * became), deduplicated, with the codes the vocabulary never had named in `unknown`.
 */
export async function currentFilterCodes(
  db: Tx,
  filters: { offenseType?: string[]; consequence?: string[] },
): Promise<{ offenseType?: string[]; consequence?: string[]; unknown: string[] }> {
  const resolve = (vocabulary: LoadedVocabulary) => {
    const unknown: string[] = [];
    const current = (key: TagKey, codes: string[] | undefined) =>
      codes && [
        ...new Set(
          codes.map((code) => {
            const now = currentTermCode(vocabulary, key, code);
            if (!now) unknown.push(`${TAG_NAMES[key]} "${code}"`);
            return now ?? code;
          }),
        ),
      ];
    return {
      offenseType: current('offenseTypes', filters.offenseType),
      consequence: current('consequences', filters.consequence),
      unknown,
    };
  };
  const resolved = resolve(await heldVocabulary(db));
  return resolved.unknown.length > 0 ? resolve(await heldVocabulary(db, true)) : resolved;
}
