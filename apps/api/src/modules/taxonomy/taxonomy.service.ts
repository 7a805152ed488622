import type { AdminTaxonomyTerm, CreateTermBody, DocumentContent, UpdateTermBody, Vocabulary } from '@kb/contracts';
import { type Database, documents, revisions, type Tx, taxonomyTerms } from '@kb/db';
import { and, eq, or, sql } from 'drizzle-orm';
import { badRequest, conflict, notFound } from '../../lib/errors';
import type { CurrentUser } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.repository';
import {
  findRevision,
  insertRevision,
  lockDocument,
  type RevisionRow,
  updateDocument,
} from '../documents/documents.repository';
import { contentOf, publishRevision } from '../documents/documents.service';
import { enqueueTermDocuments } from '../search/search.service';
import { adminTerm, type TermRow } from './taxonomy.repository';

export interface Actor {
  user: CurrentUser;
  ip?: string | null;
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

async function lockTerm(tx: Tx, id: string): Promise<TermRow> {
  const [row] = await tx.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, id)).for('update');
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
  const all = await tx
    .select({ id: taxonomyTerms.id, code: taxonomyTerms.code, parentId: taxonomyTerms.parentId })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.vocabulary, vocabulary));
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
  const id = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: taxonomyTerms.id })
      .from(taxonomyTerms)
      .where(and(eq(taxonomyTerms.vocabulary, body.vocabulary), eq(taxonomyTerms.code, body.code)));
    if (existing) throw conflict(`The code "${body.code}" is already used in this vocabulary.`);
    const parentId = await resolveParent(tx, body.vocabulary, body.parentCode);
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${taxonomyTerms.position}), -1) + 1` })
      .from(taxonomyTerms)
      .where(eq(taxonomyTerms.vocabulary, body.vocabulary));
    const [row] = await tx
      .insert(taxonomyTerms)
      .values({
        vocabulary: body.vocabulary,
        code: body.code,
        label,
        parentId,
        synonyms: cleanSynonyms(body.synonyms ?? [], label),
        position: Number(next),
      })
      .returning({ id: taxonomyTerms.id });
    if (!row) throw new Error('term insert returned nothing');
    await audit(tx, actor, 'taxonomy.create', row.id, { vocabulary: body.vocabulary, code: body.code, label });
    return row.id;
  });
  return adminTerm(db, id);
}

/** Renames a term, edits its synonyms or moves it; its code (stored in revisions) never changes. */
export async function updateTerm(
  db: Database,
  actor: Actor,
  id: string,
  body: UpdateTermBody,
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
    await tx.update(taxonomyTerms).set({ label, synonyms, parentId }).where(eq(taxonomyTerms.id, id));
    await audit(tx, actor, 'taxonomy.update', id, {
      code: term.code,
      before: { label: term.label, synonyms: term.synonyms, parentId: term.parentId },
      after: { label, synonyms, parentId },
    });
    // Index entries carry the labels, synonyms and ancestors of their tags.
    return enqueueTermDocuments(tx, [term.code]);
  });
  return { term: await adminTerm(db, id), reindexed };
}

const FIELD_OF = { offense_type: 'offenseTypes', consequence: 'consequences' } as const;

/**
 * Merges `sourceId` into `intoId`: documents tagged with the source are re-tagged with the
 * target, the source's label and synonyms become synonyms of the target (so the old words
 * still find the documents), narrower terms move under the target, and the source is removed.
 *
 * Revisions are never edited in place, so re-tagging a document stores new revisions authored
 * by the admin with a note saying why: the published revision's tags become a new published
 * revision (readers and search see the merged tag at once), and a pending draft gets a
 * re-tagged revision on top of it. The history shows exactly when and why the tags changed.
 */
export async function mergeTerms(
  db: Database,
  actor: Actor,
  sourceId: string,
  intoId: string,
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
    const field = FIELD_OF[source.vocabulary];
    const note = `Vocabulary merge: "${source.label}" (${source.code}) became "${into.label}" (${into.code})`;
    const retag = (content: DocumentContent): DocumentContent => ({
      ...content,
      [field]: [...new Set(content[field].map((code) => (code === source.code ? into.code : code)))],
    });
    const uses = (revision: RevisionRow | undefined) => !!revision && revision[field].includes(source.code);

    // Documents whose latest or published revision carries the source tag.
    const candidates = await tx
      .selectDistinct({ id: documents.id })
      .from(documents)
      .innerJoin(
        revisions,
        or(eq(revisions.id, documents.headRevisionId), eq(revisions.id, documents.publishedRevisionId)),
      )
      .where(sql`${source.code} = any(${revisions[field]})`);
    let count = 0;
    for (const { id } of candidates) {
      const doc = await lockDocument(tx, id);
      if (!doc) continue;
      const head = doc.headRevisionId ? await findRevision(tx, doc.headRevisionId) : undefined;
      const published = doc.publishedRevisionId ? await findRevision(tx, doc.publishedRevisionId) : undefined;
      const live = doc.status === 'published' && published && uses(published);
      let headId = doc.headRevisionId;
      if (live && published) {
        const revision = await insertRevision(tx, {
          documentId: id,
          baseRevisionId: doc.headRevisionId,
          authorId: actor.user.id,
          note: head?.id === published.id ? note : `${note} (published revision ${published.number})`,
          content: retag(contentOf(published)),
          source: published.source,
        });
        await publishRevision(tx, id, revision);
        // A re-tag is not new guidance: the publication date readers see stays.
        await updateDocument(tx, id, { publishedAt: doc.publishedAt });
        if (head?.id === published.id) headId = revision.id;
      }
      if (head && uses(head) && headId === doc.headRevisionId) {
        const revision = await insertRevision(tx, {
          documentId: id,
          baseRevisionId: doc.headRevisionId,
          authorId: actor.user.id,
          note,
          content: retag(contentOf(head)),
          source: head.source,
        });
        headId = revision.id;
      }
      await updateDocument(tx, id, { headRevisionId: headId });
      await recordAudit(tx, {
        actorId: actor.user.id,
        action: 'document.retag',
        targetType: 'document',
        targetId: id,
        details: { from: source.code, to: into.code, vocabulary: source.vocabulary },
        ip: actor.ip,
      });
      count++;
    }

    await tx
      .update(taxonomyTerms)
      .set({ parentId: into.id })
      .where(and(eq(taxonomyTerms.parentId, source.id), sql`${taxonomyTerms.id} <> ${into.id}`));
    if (into.parentId === source.id) {
      await tx.update(taxonomyTerms).set({ parentId: source.parentId }).where(eq(taxonomyTerms.id, into.id));
    }
    await tx
      .update(taxonomyTerms)
      .set({
        synonyms: cleanSynonyms([...into.synonyms, source.label, ...source.synonyms], into.label),
        // Links and imports made with the merged-away code (or codes merged into it) keep working.
        mergedCodes: [...new Set([...into.mergedCodes, source.code, ...source.mergedCodes])].filter(
          (code) => code !== into.code,
        ),
      })
      .where(eq(taxonomyTerms.id, into.id));
    await tx.delete(taxonomyTerms).where(eq(taxonomyTerms.id, source.id));
    await enqueueTermDocuments(tx, [into.code]);
    await audit(tx, actor, 'taxonomy.merge', into.id, {
      from: { id: source.id, code: source.code, label: source.label },
      into: { id: into.id, code: into.code, label: into.label },
      retaggedDocuments: count,
    });
    return count;
  });
  return { term: await adminTerm(db, intoId), retagged };
}
