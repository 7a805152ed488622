import type {
  AdminTaxonomyTerm,
  CreateSearchPhraseBody,
  CreateTermBody,
  SearchPhrase,
  UpdateSearchPhraseBody,
  UpdateTermBody,
  Vocabulary,
} from '@kb/contracts';
import type { Database, Tx } from '@kb/db';
import type { FastifyInstance } from 'fastify';
import { badRequest, conflict, notFound } from '../../lib/errors';
import type { CurrentUser } from '../../plugins/auth';
import { recordAudit } from '../audit';
import {
  deleteSearchPhrase,
  deleteTerm,
  findSearchPhrase,
  findSearchPhraseByText,
  findTermId,
  insertSearchPhrase,
  insertTerm,
  listAdminTaxonomy,
  lockTerm as lockTermRow,
  moveChildren,
  type SearchPhraseRow,
  type TermRow,
  updateSearchPhrase,
  updateTermRow,
  vocabularyTree,
} from './taxonomy.repository';
import { forgetVocabulary } from './taxonomy.vocabulary';

export interface Actor {
  user: CurrentUser;
  ip?: string | null;
}

/** A tag replaced by another in every document carrying it (a merge). */
export interface TagChange {
  vocabulary: Vocabulary;
  from: string;
  to: string;
  /** Why, for the revisions' change notes. */
  note: string;
}

/**
 * What a vocabulary change asks of the documents tagged with it. The documents module
 * provides it (app.ts passes it in), so the vocabulary never reaches into documents.
 */
export interface TaggedDocuments {
  /** Re-tags every document carrying `change.from`, through new revisions; resolves to how many. */
  retag(tx: Tx, change: TagChange, actor: Actor): Promise<number>;
  /** Queues the published documents tagged with these codes (or narrower ones) for re-indexing. */
  reindexTagged(tx: Tx, codes: string[]): Promise<number>;
}

/** Runs after each committed vocabulary change (search pushes its synonyms). */
export type VocabularyListener = () => Promise<unknown>;

declare module 'fastify' {
  interface FastifyInstance {
    vocabularyListeners: VocabularyListener[];
  }
}

/** Registers what must happen after each vocabulary change. */
export function onVocabularyChange(app: Pick<FastifyInstance, 'vocabularyListeners'>, listener: VocabularyListener) {
  app.vocabularyListeners.push(listener);
}

/**
 * The one refresh after a committed vocabulary change: the held vocabulary is forgotten and
 * the listeners run (search re-applies its synonyms). Best effort: the change is saved either
 * way, and the search worker re-applies the settings when it next checks them (or at start)
 * if Meilisearch could not be reached now. False when a listener failed.
 */
export async function refreshVocabulary(
  app: Pick<FastifyInstance, 'db' | 'log' | 'vocabularyListeners'>,
): Promise<boolean> {
  forgetVocabulary(app.db);
  try {
    for (const listener of app.vocabularyListeners) await listener();
    return true;
  } catch (error) {
    app.log.warn({ err: error }, 'vocabulary changed but search synonyms could not be updated yet');
    return false;
  }
}

const audit = (tx: Tx, actor: Actor, action: string, termId: string, details: Record<string, unknown>) =>
  recordAudit(tx, {
    actorId: actor.user.id,
    action,
    targetType: 'taxonomy_term',
    targetId: termId,
    details,
    ip: actor.ip,
  });

const cleanSynonyms = (values: string[], label: string) => {
  const seen = new Set([label.trim().toLowerCase()]);
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.trim().replace(/\s+/g, ' ');
    if (!value || seen.has(value.toLowerCase())) continue;
    seen.add(value.toLowerCase());
    out.push(value);
  }
  return out;
};

export async function adminTerm(db: Database, id: string): Promise<AdminTaxonomyTerm> {
  const [term] = await listAdminTaxonomy(db, id);
  if (!term) throw notFound('Term');
  return term;
}

async function lockTerm(tx: Tx, id: string): Promise<TermRow> {
  const row = await lockTermRow(tx, id);
  if (!row) throw notFound('Term');
  return row;
}

/** The id of the parent named by code, refusing other vocabularies and loops. */
async function resolveParent(
  tx: Tx,
  vocabulary: Vocabulary,
  parentCode: string | null | undefined,
  selfId?: string,
): Promise<string | null> {
  if (!parentCode) return null;
  const all = await vocabularyTree(tx, vocabulary);
  const parent = all.find((t) => t.code === parentCode);
  if (!parent) throw badRequest(`Unknown parent term "${parentCode}" in this vocabulary.`);
  // Walk up from the new parent: meeting the term itself would make it its own ancestor.
  const byId = new Map(all.map((t) => [t.id, t]));
  for (let cursor: string | null = parent.id, hops = 0; cursor && hops < 100; hops++) {
    if (cursor === selfId) throw conflict('A term cannot be placed under itself or one of its narrower terms.');
    cursor = byId.get(cursor)?.parentId ?? null;
  }
  return parent.id;
}

export async function createTerm(db: Database, actor: Actor, body: CreateTermBody): Promise<AdminTaxonomyTerm> {
  const label = body.label.trim();
  if (!label) throw badRequest('The label cannot be empty.');
  const taken = () => conflict(`The code "${body.code}" is already used in this vocabulary.`);
  const id = await db.transaction(async (tx) => {
    if (await findTermId(tx, body.vocabulary, body.code)) throw taken();
    const parentId = await resolveParent(tx, body.vocabulary, body.parentCode);
    const id = await insertTerm(tx, {
      vocabulary: body.vocabulary,
      code: body.code,
      label,
      parentId,
      synonyms: cleanSynonyms(body.synonyms ?? [], label),
    });
    if (!id) throw taken();
    await audit(tx, actor, 'taxonomy.create', id, { vocabulary: body.vocabulary, code: body.code, label });
    return id;
  });
  return adminTerm(db, id);
}

/** Renames a term, edits its synonyms or moves it; its code (stored in revisions) never changes. */
export async function updateTerm(
  db: Database,
  actor: Actor,
  id: string,
  body: UpdateTermBody,
  documents: TaggedDocuments,
): Promise<{ term: AdminTaxonomyTerm; reindexed: number }> {
  const reindexed = await db.transaction(async (tx) => {
    const term = await lockTerm(tx, id);
    const label = body.label?.trim() ?? term.label;
    if (!label) throw badRequest('The label cannot be empty.');
    const synonyms = cleanSynonyms(body.synonyms ?? term.synonyms, label);
    const parentId =
      body.parentCode === undefined
        ? term.parentId
        : await resolveParent(tx, term.vocabulary, body.parentCode, term.id);
    await updateTermRow(tx, id, { label, synonyms, parentId });
    await audit(tx, actor, 'taxonomy.update', id, {
      code: term.code,
      before: { label: term.label, synonyms: term.synonyms, parentId: term.parentId },
      after: { label, synonyms, parentId },
    });
    // Index entries carry the labels, synonyms and ancestors of their tags.
    return documents.reindexTagged(tx, [term.code]);
  });
  return { term: await adminTerm(db, id), reindexed };
}

/**
 * Merges `sourceId` into `intoId`: documents tagged with the source are re-tagged with the
 * target (by the documents module, through new revisions: see its `retagDocuments`), the
 * source's label and synonyms become synonyms of the target (so the old words still find the
 * documents), narrower terms move under the target, and the source is removed. Its code stays
 * known as a former code of the target, so links, imports and open editors keep working.
 */
export async function mergeTerms(
  db: Database,
  actor: Actor,
  sourceId: string,
  intoId: string,
  documents: TaggedDocuments,
): Promise<{ term: AdminTaxonomyTerm; retagged: number }> {
  if (sourceId === intoId) throw badRequest('A term cannot be merged into itself.');
  const retagged = await db.transaction(async (tx) => {
    // Locked in a fixed order, so two opposite merges cannot deadlock.
    const [first, second] = [sourceId, intoId].sort();
    const locked = new Map<string, TermRow>();
    for (const termId of [first, second] as string[]) locked.set(termId, await lockTerm(tx, termId));
    const source = locked.get(sourceId) as TermRow;
    const into = locked.get(intoId) as TermRow;
    if (source.vocabulary !== into.vocabulary) {
      throw badRequest('Only terms of the same vocabulary can be merged (an offense type with an offense type).');
    }
    const count = await documents.retag(
      tx,
      {
        vocabulary: source.vocabulary,
        from: source.code,
        to: into.code,
        note: `Vocabulary merge: "${source.label}" (${source.code}) became "${into.label}" (${into.code})`,
      },
      actor,
    );
    await moveChildren(tx, source.id, into.id);
    if (into.parentId === source.id) await updateTermRow(tx, into.id, { parentId: source.parentId });
    await updateTermRow(tx, into.id, {
      synonyms: cleanSynonyms([...into.synonyms, source.label, ...source.synonyms], into.label),
      // Links and imports made with the merged-away code (or codes merged into it) keep working.
      mergedCodes: [...new Set([...into.mergedCodes, source.code, ...source.mergedCodes])].filter(
        (code) => code !== into.code,
      ),
    });
    await deleteTerm(tx, source.id);
    await documents.reindexTagged(tx, [into.code]);
    await audit(tx, actor, 'taxonomy.merge', into.id, {
      from: { id: source.id, code: source.code, label: source.label },
      into: { id: into.id, code: into.code, label: into.label },
      retaggedDocuments: count,
    });
    return count;
  });
  return { term: await adminTerm(db, intoId), retagged };
}

/** The lawyer's vocabulary as the API shows it. */
export const toSearchPhrase = (row: SearchPhraseRow): SearchPhrase => ({
  id: row.id,
  kind: row.kind,
  phrase: row.phrase,
  meanings: row.meanings,
  updatedAt: row.updatedAt.toISOString(),
});

const cleanPhrase = (text: string) =>
  text
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function cleanMeanings(values: string[], phrase: string): string[] {
  const meanings = [...new Set(values.map(cleanPhrase).filter(Boolean))].filter(
    (m) => m.toLowerCase() !== phrase.toLowerCase(),
  );
  if (meanings.length === 0) throw badRequest('Give at least one meaning other than the phrase itself.');
  return meanings;
}

/** Adds a phrase to the lawyer's vocabulary ("ICE hold" → "immigration detainer"). */
export async function createSearchPhrase(
  db: Database,
  actor: Actor,
  body: CreateSearchPhraseBody,
): Promise<SearchPhrase> {
  const phrase = cleanPhrase(body.phrase);
  if (!phrase) throw badRequest('The phrase cannot be empty.');
  const meanings = cleanMeanings(body.meanings, phrase);
  return db.transaction(async (tx) => {
    if (await findSearchPhraseByText(tx, phrase)) throw conflict(`"${phrase}" is already in the vocabulary.`);
    const row = await insertSearchPhrase(tx, { kind: body.kind, phrase, meanings });
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'search_phrase.create',
      targetType: 'search_phrase',
      targetId: row.id,
      details: { kind: row.kind, phrase, meanings },
      ip: actor.ip,
    });
    return toSearchPhrase(row);
  });
}

export async function changeSearchPhrase(
  db: Database,
  actor: Actor,
  id: string,
  body: UpdateSearchPhraseBody,
): Promise<SearchPhrase> {
  return db.transaction(async (tx) => {
    const before = await findSearchPhrase(tx, id);
    if (!before) throw notFound('Phrase');
    const phrase = body.phrase === undefined ? before.phrase : cleanPhrase(body.phrase);
    if (!phrase) throw badRequest('The phrase cannot be empty.');
    const meanings = cleanMeanings(body.meanings ?? before.meanings, phrase);
    const same = await findSearchPhraseByText(tx, phrase);
    if (same && same.id !== id) throw conflict(`"${phrase}" is already in the vocabulary.`);
    const row = await updateSearchPhrase(tx, id, { kind: body.kind ?? before.kind, phrase, meanings });
    if (!row) throw notFound('Phrase');
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'search_phrase.update',
      targetType: 'search_phrase',
      targetId: id,
      details: {
        before: { kind: before.kind, phrase: before.phrase, meanings: before.meanings },
        after: { kind: row.kind, phrase, meanings },
      },
      ip: actor.ip,
    });
    return toSearchPhrase(row);
  });
}

export async function removeSearchPhrase(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await findSearchPhrase(tx, id);
    if (!before || !(await deleteSearchPhrase(tx, id))) throw notFound('Phrase');
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'search_phrase.delete',
      targetType: 'search_phrase',
      targetId: id,
      details: { kind: before.kind, phrase: before.phrase, meanings: before.meanings },
      ip: actor.ip,
    });
  });
}
