import {
  type CreateDocumentBody,
  type DocumentContent,
  type DocumentReviewResponse,
  type EditorialAction,
  type EditorialState,
  offenseEntrySlug,
  type RevisionDiff,
  type SaveDraftBody,
  transitionRefusal,
} from '@kb/contracts';
import type { Database, Tx } from '@kb/db';
import { slugify } from '@kb/markdown';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors';
import type { CurrentUser } from '../../plugins/auth';
import { recordAudit } from '../audit';
import { findOrganization, type OrganizationRow } from '../organizations';
import { loadVocabulary, withCurrentCodes, withoutRemovedTags } from '../taxonomy';
import { contentOf, normalizeContent, sameContent } from './documents.content';
import {
  authorsOfRevisions,
  documentRevision,
  type HistoryView,
  insertReviewEntry,
  loadEditorRevision,
} from './documents.editor.repository';
import { recordDocumentEvent } from './documents.events';
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

/** Whether the user may change and review the document (see ensureManages). */
export const mayManage = (user: CurrentUser, doc: Pick<DocumentRow, 'organizationId'>): boolean =>
  user.role === 'admin' ||
  (user.role === 'editor' && doc.organizationId !== null && user.organizationId === doc.organizationId);

/**
 * Only the owning organization's editors change a document (network admins any): another
 * organization's editor gets 403 naming the owner. The public-domain library (no owner) is
 * the network admins'.
 */
export async function ensureManages(
  tx: Tx | Database,
  user: CurrentUser,
  doc: DocumentRow,
): Promise<OrganizationRow | null> {
  const owner = doc.organizationId ? ((await findOrganization(tx, doc.organizationId)) ?? null) : null;
  if (mayManage(user, doc)) return owner;
  if (!owner) {
    throw forbidden('This document belongs to the public-domain library, which network administrators maintain.');
  }
  throw forbidden(`This document belongs to ${owner.name}: only its editors may change or review it.`);
}

/** The document, if it exists (404) and the user may manage it (403): for the editorial reads. */
export async function ensureManagesDocument(db: Database, user: CurrentUser, documentId: string): Promise<void> {
  const doc = await findDocument(db, documentId);
  if (!doc) throw notFound('Document');
  await ensureManages(db, user, doc);
}

/** Whether the user may manage the document (false when it does not exist). */
export async function managesDocument(db: Database, user: CurrentUser, documentId: string): Promise<boolean> {
  const doc = await findDocument(db, documentId);
  return doc !== undefined && mayManage(user, doc);
}

/** Locks the document and checks that the actor's organization owns it. */
export async function lockOwned(
  tx: Tx,
  actor: Actor,
  id: string,
): Promise<{ doc: DocumentRow; owner: OrganizationRow | null }> {
  const doc = await lockDocument(tx, id);
  if (!doc) throw notFound('Document');
  const owner = await ensureManages(tx, actor.user, doc);
  return { doc, owner };
}

/** The publisher a revision records is its owner's name: not free text. */
const withPublisher = (content: DocumentContent, owner: OrganizationRow | null): DocumentContent => ({
  ...content,
  publisher: owner?.name ?? '',
});

/** Records `document.<action>` on a document in the audit log. */
export const audit = (tx: Tx, actor: Actor, action: string, documentId: string, details: Record<string, unknown>) =>
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
    const owner = await creationOwner(tx, actor, body.organizationId);
    const { document, revision } = await createDraft(tx, {
      content: withPublisher(content, owner),
      authorId: actor.user.id,
      note: note ?? 'Created',
      organizationId: owner?.id ?? null,
    });
    await audit(tx, actor, 'create', document.id, {
      revisionId: revision.id,
      title: content.title,
      organizationId: owner?.id ?? null,
    });
    return { id: document.id, slug: document.slug, revisionId: revision.id };
  });
}

/** Who owns a new document: the author's organization; a network admin may name any (or none). */
export async function creationOwner(tx: Tx, actor: Actor, requested: string | null | undefined) {
  const { user } = actor;
  if (user.role === 'admin') {
    const id = requested === undefined ? user.organizationId : requested;
    if (!id) return null;
    const owner = await findOrganization(tx, id);
    if (!owner) throw badRequest('No organization has that id.');
    return owner;
  }
  if (!user.organizationId) {
    throw forbidden('You do not belong to an organization yet: ask a network administrator to add you to one.');
  }
  if (requested !== undefined && requested !== user.organizationId) {
    throw forbidden('Editors create documents for their own organization only.');
  }
  const owner = await findOrganization(tx, user.organizationId);
  if (!owner) throw forbidden('Your organization no longer exists.');
  return owner;
}

/**
 * Saves a new revision on top of `baseRevisionId`. The document row is locked, so of several
 * saves based on the same revision exactly one wins; the others get 409 with the revision
 * that won, and nothing is overwritten silently.
 */
export async function saveDraft(db: Database, actor: Actor, documentId: string, body: SaveDraftBody) {
  const { content: written, note } = splitBody(body);
  return db.transaction(async (tx) => {
    const { doc, owner } = await lockOwned(tx, actor, documentId);
    const sent = withPublisher(written, owner);
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
    const { doc } = await lockOwned(tx, actor, documentId);
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
 * Approves and publishes a revision (default: the latest). Under the owner's `two_person`
 * policy the author of any unpublished revision up to it cannot publish it (409): another
 * editor of the organization approves. The approval (who, when, comment) is a review entry
 * and in the audit log.
 */
export async function publishDocument(
  db: Database,
  actor: Actor,
  documentId: string,
  options: { revisionId?: string; note?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const { doc, owner } = await lockOwned(tx, actor, documentId);
    const revisionId = options.revisionId ?? doc.headRevisionId;
    const revision = revisionId ? await findRevision(tx, revisionId) : undefined;
    if (!revision || revision.documentId !== documentId) throw notFound('Revision');
    const refusal = transitionRefusal('publish', {
      status: doc.status,
      hasUnpublishedChanges: revision.id !== doc.publishedRevisionId,
    });
    if (refusal) throw conflict(refusal, { status: doc.status });
    if (owner?.reviewPolicy === 'two_person' && (await authorsSincePublished(tx, doc, revision)).has(actor.user.id)) {
      throw conflict(
        `${owner.name} reviews with two people: you wrote changes in this draft, so another editor of ${owner.name} must approve and publish it.`,
        { status: doc.status, reviewPolicy: owner.reviewPolicy },
      );
    }
    // The vocabulary may have changed since the revision was saved (e.g. a merge).
    const content = contentOf(revision);
    await validateContent(tx, content);
    await publishRevision(tx, documentId, revision);
    const comment = options.note?.trim() ?? '';
    await insertReviewEntry(tx, {
      documentId,
      revisionId: revision.id,
      kind: 'approval',
      authorId: actor.user.id,
      body: comment,
    });
    await audit(tx, actor, 'publish', documentId, {
      from: doc.status,
      revisionId: revision.id,
      revisionNumber: revision.number,
      previousRevisionId: doc.publishedRevisionId,
      approvedBy: actor.user.id,
      reviewPolicy: owner?.reviewPolicy ?? null,
      ...(comment ? { note: comment } : {}),
    });
  });
}

/** Who wrote the revisions after the published one, up to `revision`: they cannot approve it under two_person. */
async function authorsSincePublished(tx: Tx, doc: DocumentRow, revision: RevisionRow): Promise<Set<string>> {
  const published = doc.publishedRevisionId ? await findRevision(tx, doc.publishedRevisionId) : undefined;
  return new Set(await authorsOfRevisions(tx, doc.id, (published?.number ?? 0) + 1, revision.number));
}

/** A review comment on a document, visible to its organization's editors. */
export async function addReviewComment(
  db: Database,
  actor: Actor,
  documentId: string,
  input: { body: string; revisionId?: string },
): Promise<void> {
  const body = input.body.trim();
  if (!body) throw badRequest('The comment is empty.');
  await db.transaction(async (tx) => {
    const { doc } = await lockOwned(tx, actor, documentId);
    const revisionId = input.revisionId ?? doc.headRevisionId;
    if (input.revisionId) {
      const revision = await findRevision(tx, input.revisionId);
      if (!revision || revision.documentId !== documentId) throw notFound('Revision');
    }
    const commentId = await insertReviewEntry(tx, {
      documentId,
      revisionId,
      kind: 'comment',
      authorId: actor.user.id,
      body,
    });
    await audit(tx, actor, 'comment', documentId, { revisionId, commentId });
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
    // Only the owner of the replaced document says it is replaced, even by another
    // organization's document: that is the owning organization's approval (asked for with a
    // supersession request, see documents.supersession.service.ts).
    const { doc } = await lockOwned(tx, actor, documentId);
    await markSuperseded(tx, actor, doc, successorId);
  });
}

/**
 * Marks the locked, published `doc` as replaced by `successorId` (null: by nothing), after
 * checking the successor is published and no cycle forms. False when it already was.
 */
export async function markSuperseded(
  tx: Tx,
  actor: Actor,
  doc: DocumentRow,
  successorId: string | null,
  details: Record<string, unknown> = {},
): Promise<boolean> {
  const documentId = doc.id;
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
        throw conflict('That would create a cycle: the successor is itself (indirectly) superseded by this document.');
      }
      cursor = await successorIdOf(tx, cursor);
    }
  }
  if (doc.supersededById === successorId) return false;
  await updateDocument(tx, documentId, { supersededById: successorId });
  await enqueueSearchSync(tx, [documentId], 'upsert');
  if (successorId) await recordDocumentEvent(tx, { kind: 'superseded', documentId });
  await audit(tx, actor, successorId ? 'supersede' : 'unsupersede', documentId, {
    successorId,
    previousSuccessorId: doc.supersededById,
    ...details,
  });
  return true;
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
    const { doc, owner } = await lockOwned(tx, actor, documentId);
    ensureAllowed('edit', doc);
    const old = await findRevision(tx, options.revisionId);
    if (!old || old.documentId !== documentId) throw notFound('Revision');
    const head = doc.headRevisionId ? await findRevision(tx, doc.headRevisionId) : undefined;
    const { tags: current, dropped } = await withoutRemovedTags(tx, contentOf(old));
    const content = await checkedContent(tx, withPublisher(current, owner));
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

/**
 * "Still right": an editor of the owning organization records that the published guidance was
 * reviewed. Revisions are never edited in place, so the published revision's content becomes a
 * new published revision with today as its last-reviewed date and the note as its change note;
 * the publication date readers see stays. It clears "needs review" for this document only: the
 * flags it answered were set before this revision went public.
 */
export async function reviewDocument(
  db: Database,
  actor: Actor,
  documentId: string,
  note: string,
): Promise<DocumentReviewResponse> {
  const text = note.trim();
  if (!text) throw badRequest('Say what you checked: the review note is empty.');
  return db.transaction(async (tx) => {
    const { doc } = await lockOwned(tx, actor, documentId);
    const published =
      doc.status === 'published' && doc.publishedRevisionId
        ? await findRevision(tx, doc.publishedRevisionId)
        : undefined;
    if (!published) throw conflict('Only published guidance is reviewed: publish it instead.', { status: doc.status });
    const today = new Date().toISOString().slice(0, 10);
    const revision = await insertRevision(tx, {
      documentId,
      baseRevisionId: doc.headRevisionId,
      authorId: actor.user.id,
      note: `Reviewed: ${text}`,
      content: { ...contentOf(published), lastReviewedAt: today },
      source: published.source,
    });
    await publishRevision(tx, documentId, revision);
    await updateDocument(tx, documentId, {
      publishedAt: doc.publishedAt,
      // A draft in progress stays the latest revision; otherwise the reviewed one is.
      headRevisionId: doc.headRevisionId === published.id ? revision.id : doc.headRevisionId,
    });
    await audit(tx, actor, 'review', documentId, {
      revisionId: revision.id,
      revisionNumber: revision.number,
      previousRevisionId: published.id,
      note: text,
    });
    return {
      id: documentId,
      revisionId: revision.id,
      revisionNumber: revision.number,
      lastReviewedAt: today,
      needsReview: false,
    };
  });
}
