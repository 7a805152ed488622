import {
  type CreateDocumentBody,
  type DocumentContent,
  type EditorialAction,
  type EditorialState,
  offenseEntrySlug,
  type RevisionDiff,
  type SaveDraftBody,
  transitionRefusal,
} from '@kb/contracts';
import type { Database, Tx } from '@kb/db';
import { slugify } from '@kb/markdown';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { recordAudit } from '../audit';
import { loadVocabulary, withCurrentCodes, withoutRemovedTags } from '../taxonomy';
import { contentOf, normalizeContent, sameContent } from './documents.content';
import { documentRevision, type HistoryView, loadEditorRevision } from './documents.editor.repository';
import {
  type DocumentRow,
  enqueueSearchSync,
  findDocument,
  findRevision,
  freeSlug,
  insertRevision,
  lockDocument,
  type RevisionRow,
  replaceDocumentTerms,
  replaceOffenseStatutes,
  successorIdOf,
  updateDocument,
} from './documents.repository';
import { type Actor, checkedContent, createDraft, publishRevision, validateContent } from './documents.service';

export type { Actor };

import { bodyDiff, fieldChanges, sectionDiff } from './revision-diff';

const stateOf = (doc: DocumentRow): EditorialState => ({
  status: doc.status,
  hasUnpublishedChanges: doc.status === 'published' && doc.headRevisionId !== doc.publishedRevisionId,
});

/** Refuses a transition the state machine does not allow, with its reason (409). */
function ensureAllowed(action: EditorialAction, doc: DocumentRow): void {
  const refusal = transitionRefusal(action, stateOf(doc));
  if (refusal) throw conflict(refusal, { status: doc.status });
}

async function lockOrNotFound(tx: Tx, id: string): Promise<DocumentRow> {
  const doc = await lockDocument(tx, id);
  if (!doc) throw notFound('Document');
  return doc;
}

const audit = (tx: Tx, actor: Actor, action: string, documentId: string, details: Record<string, unknown>) =>
  recordAudit(tx, {
    actorId: actor.user.id,
    action: `document.${action}`,
    targetType: 'document',
    targetId: documentId,
    details,
    ip: actor.ip,
  });

function splitBody(body: CreateDocumentBody | SaveDraftBody): { content: DocumentContent; note: string | undefined } {
  const content: DocumentContent = {
    kind: body.kind,
    title: body.title,
    summary: body.summary,
    publisher: body.publisher,
    authors: body.authors,
    jurisdictions: body.jurisdictions,
    audience: body.audience,
    documentDate: body.documentDate,
    lastReviewedAt: body.lastReviewedAt,
    citations: body.citations,
    offenseTypes: body.offenseTypes,
    consequences: body.consequences,
    body: body.body,
    offense: body.offense ?? null,
  };
  const normalized = normalizeContent(content);
  if (!normalized.title) throw badRequest('The title cannot be empty.');
  return { content: normalized, note: body.note?.trim() || undefined };
}

/** POST /documents: a new document with its first revision, as a draft. */
export async function createDocument(db: Database, actor: Actor, body: CreateDocumentBody) {
  const { content, note } = splitBody(body);
  return db.transaction(async (tx) => {
    const { document, revision } = await createDraft(tx, { content, authorId: actor.user.id, note: note ?? 'Created' });
    await audit(tx, actor, 'create', document.id, { revisionId: revision.id, title: content.title });
    return { id: document.id, slug: document.slug, revisionId: revision.id };
  });
}

/**
 * Saves a new revision on top of `baseRevisionId`. The document row is locked, so of several
 * saves based on the same revision exactly one wins; the others get 409 with the revision
 * that won, and nothing is overwritten silently.
 */
export async function saveDraft(db: Database, actor: Actor, documentId: string, body: SaveDraftBody) {
  const { content: sent, note } = splitBody(body);
  return db.transaction(async (tx) => {
    const doc = await lockOrNotFound(tx, documentId);
    ensureAllowed('edit', doc);
    // Revisions a vocabulary merge stacked on the one the editor opened do not conflict: the
    // save is rebased on them (its merged-away codes become the merged tags below).
    const rebasedOn =
      doc.headRevisionId !== body.baseRevisionId ? await onlyRetaggedSince(tx, doc, body.baseRevisionId) : undefined;
    if (doc.headRevisionId !== body.baseRevisionId && !rebasedOn) {
      const current = doc.headRevisionId ? await loadEditorRevision(tx, doc.headRevisionId) : null;
      throw conflict(
        current
          ? `Someone else saved this document first (revision ${current.number} by ${current.authorName ?? 'an unknown user'}). Compare their version with yours before saving again.`
          : 'The document changed since you opened it.',
        current ? { current } : undefined,
      );
    }
    const head = rebasedOn ?? (await findRevision(tx, body.baseRevisionId));
    if (!head) throw notFound('Revision');
    const content = await checkedContent(tx, sent);
    if (!note && sameContent(contentOf(head), content)) {
      return { revisionId: head.id, revisionNumber: head.number, changed: false };
    }
    const revision = await insertRevision(tx, {
      documentId,
      baseRevisionId: head.id,
      authorId: actor.user.id,
      note: note ?? '',
      content,
      source: head.source,
    });
    await updateDocument(tx, documentId, {
      headRevisionId: revision.id,
      ...(await slugUpdate(tx, doc, head, content)),
    });
    await audit(tx, actor, 'save', documentId, { revisionId: revision.id, revisionNumber: revision.number });
    return { revisionId: revision.id, revisionNumber: revision.number, changed: true };
  });
}

/**
 * The document's latest revision when every revision after `baseRevisionId` only re-tagged
 * it for the vocabulary (a merge: the same content, tags that mean the same terms now);
 * undefined otherwise. An editor who opened `baseRevisionId` then loses nothing by saving on
 * top of it.
 */
async function onlyRetaggedSince(tx: Tx, doc: DocumentRow, baseRevisionId: string): Promise<RevisionRow | undefined> {
  const head = doc.headRevisionId ? await findRevision(tx, doc.headRevisionId) : undefined;
  if (!head) return undefined;
  const vocabulary = await loadVocabulary(tx);
  const comparable = (revision: RevisionRow) => withCurrentCodes(vocabulary, contentOf(revision));
  let cursor = head;
  for (let hops = 0; hops < 20 && cursor.baseRevisionId; hops++) {
    const base = await findRevision(tx, cursor.baseRevisionId);
    if (!base || base.documentId !== doc.id || !sameContent(comparable(base), comparable(cursor))) return undefined;
    if (base.id === baseRevisionId) return head;
    cursor = base;
  }
  return undefined;
}

/** Until a document is first published its slug follows its title; after, links must keep working. */
async function slugUpdate(tx: Tx, doc: DocumentRow, head: RevisionRow, content: DocumentContent) {
  if (doc.publishedRevisionId || doc.externalId || head.title === content.title) return {};
  const base = content.offense ? offenseEntrySlug(content.offense) : slugify(content.title);
  const slug = await freeSlug(tx, base, doc.id);
  return slug === doc.slug ? {} : { slug };
}

/** submit, withdraw, archive and reopen: status changes with no content of their own. */
export async function changeStatus(
  db: Database,
  actor: Actor,
  documentId: string,
  action: 'submit' | 'withdraw' | 'archive' | 'reopen',
  note?: string,
): Promise<void> {
  const next = { submit: 'in_review', withdraw: 'draft', archive: 'archived', reopen: 'draft' } as const;
  await db.transaction(async (tx) => {
    const doc = await lockOrNotFound(tx, documentId);
    ensureAllowed(action, doc);
    await updateDocument(tx, documentId, { status: next[action] });
    if (action === 'archive' && doc.status === 'published') {
      // Out of search and out of the facet counts; the outbox removes it from the index.
      await replaceDocumentTerms(tx, documentId, null);
      await replaceOffenseStatutes(tx, documentId, null);
      await enqueueSearchSync(tx, [documentId], 'delete');
    }
    await audit(tx, actor, action, documentId, {
      from: doc.status,
      to: next[action],
      revisionId: doc.headRevisionId,
      ...(note?.trim() ? { note: note.trim() } : {}),
    });
  });
}

/**
 * Approves and publishes a revision (default: the latest). Any editor or admin may publish,
 * the author included: the audit log and the history record who submitted and who published.
 */
export async function publishDocument(
  db: Database,
  actor: Actor,
  documentId: string,
  options: { revisionId?: string; note?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const doc = await lockOrNotFound(tx, documentId);
    const revisionId = options.revisionId ?? doc.headRevisionId;
    const revision = revisionId ? await findRevision(tx, revisionId) : undefined;
    if (!revision || revision.documentId !== documentId) throw notFound('Revision');
    const refusal = transitionRefusal('publish', {
      status: doc.status,
      hasUnpublishedChanges: revision.id !== doc.publishedRevisionId,
    });
    if (refusal) throw conflict(refusal, { status: doc.status });
    // The vocabulary may have changed since the revision was saved (e.g. a merge).
    await validateContent(tx, contentOf(revision));
    await publishRevision(tx, documentId, revision);
    await audit(tx, actor, 'publish', documentId, {
      from: doc.status,
      revisionId: revision.id,
      revisionNumber: revision.number,
      previousRevisionId: doc.publishedRevisionId,
      ...(options.note?.trim() ? { note: options.note.trim() } : {}),
    });
  });
}

/** Points a published document at the published document that replaces it (or clears it). */
export async function supersedeDocument(
  db: Database,
  actor: Actor,
  documentId: string,
  successorId: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    const doc = await lockOrNotFound(tx, documentId);
    ensureAllowed('supersede', doc);
    if (successorId !== null) {
      if (successorId === documentId) throw conflict('A document cannot supersede itself.');
      const successor = await findDocument(tx, successorId);
      if (!successor) throw notFound('Successor document');
      if (successor.status !== 'published') throw conflict('The successor must be a published document.');
      // Follow the successor's own chain: reaching this document again would be a loop
      // readers could never leave ("superseded by B", "B superseded by A").
      let cursor: string | null = successor.supersededById;
      for (let hops = 0; cursor && hops < 100; hops++) {
        if (cursor === documentId) {
          throw conflict(
            'That would create a cycle: the successor is itself (indirectly) superseded by this document.',
          );
        }
        cursor = await successorIdOf(tx, cursor);
      }
    }
    if (doc.supersededById === successorId) return;
    await updateDocument(tx, documentId, { supersededById: successorId });
    await enqueueSearchSync(tx, [documentId], 'upsert');
    await audit(tx, actor, successorId ? 'supersede' : 'unsupersede', documentId, {
      successorId,
      previousSuccessorId: doc.supersededById,
    });
  });
}

/**
 * "Restore as new draft": a new revision with an older revision's content on top of the
 * latest one, so nothing in between is lost. Tags removed from the vocabulary since then
 * (merged away) are dropped and named in the change note.
 */
export async function restoreRevision(
  db: Database,
  actor: Actor,
  documentId: string,
  options: { revisionId: string; note?: string },
) {
  return db.transaction(async (tx) => {
    const doc = await lockOrNotFound(tx, documentId);
    ensureAllowed('edit', doc);
    const old = await findRevision(tx, options.revisionId);
    if (!old || old.documentId !== documentId) throw notFound('Revision');
    const head = doc.headRevisionId ? await findRevision(tx, doc.headRevisionId) : undefined;
    const { tags: current, dropped } = await withoutRemovedTags(tx, contentOf(old));
    const content = await checkedContent(tx, current);
    const droppedNote = dropped.length > 0 ? ` (removed tags no longer in the vocabulary: ${dropped.join(', ')})` : '';
    const revision = await insertRevision(tx, {
      documentId,
      baseRevisionId: doc.headRevisionId,
      authorId: actor.user.id,
      note: `${options.note?.trim() || `Restored revision ${old.number}`}${droppedNote}`,
      content,
      source: old.source,
    });
    await updateDocument(tx, documentId, {
      headRevisionId: revision.id,
      ...(head ? await slugUpdate(tx, doc, head, content) : {}),
    });
    await audit(tx, actor, 'restore', documentId, {
      restoredRevisionId: old.id,
      restoredRevisionNumber: old.number,
      revisionId: revision.id,
      revisionNumber: revision.number,
    });
    return { revisionId: revision.id, revisionNumber: revision.number, changed: true };
  });
}
/** What changed from revision `a` to revision `b`: metadata fields and a line diff of the body. */
export async function revisionDiff(
  db: Database,
  documentId: string,
  a: string,
  b: string,
  view: HistoryView = 'editor',
): Promise<RevisionDiff> {
  const [from, to] = await Promise.all([
    documentRevision(db, documentId, a, view),
    documentRevision(db, documentId, b, view),
  ]);
  const { content: before, ...fromInfo } = from;
  const { content: after, ...toInfo } = to;
  return {
    from: fromInfo,
    to: toInfo,
    fields: fieldChanges(before, after),
    sections: sectionDiff(before.body, after.body),
    body: bodyDiff(before.body, after.body),
  };
}
