import type { DocumentEventKind } from '@kb/contracts';
import type { ChangedOutcome, DocumentEventPayload, Tx } from '@kb/db';
import { statuteKey, statuteSectionKey } from '@kb/search';
import { findDocument, findRevision, insertDocumentEvent, type RevisionRow } from './documents.repository';
import { sectionDiff } from './revision-diff';

export interface DocumentEventInput {
  kind: DocumentEventKind;
  documentId: string;
  /** The revision the event is about; default: the document's published revision. */
  revisionId?: string | null;
  /** That revision's row, when the caller holds it (saves reading it again). */
  revision?: RevisionRow;
  /** revised: the revision readers saw before (its diff names the changed sections and outcomes). */
  previousRevisionId?: string | null;
  /** needs_review: why, in words readers may see ("An authority it cites was vacated: …"). */
  reason?: string;
}

/** Consequence columns whose outcome differs between two revisions of an offense entry. */
function changedOutcomes(before: RevisionRow | undefined, after: RevisionRow): ChangedOutcome[] {
  const a = before?.offense?.assessments ?? {};
  const b = after.offense?.assessments ?? {};
  const columns = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return columns.flatMap((column) => {
    const was = (a as Record<string, { outcome?: string } | undefined>)[column]?.outcome ?? null;
    const now = (b as Record<string, { outcome?: string } | undefined>)[column]?.outcome ?? null;
    return was === now ? [] : [{ column, before: was, after: now }];
  });
}

/**
 * Records what happened to a document in the append-only `document_events` log, in the
 * caller's transaction: the event exists exactly when the change it describes committed (the
 * outbox pattern). Followers hear of it later, in the background (the alerts module reads the
 * log); nothing here waits for them. Only published content goes into the payload.
 */
export async function recordDocumentEvent(tx: Tx, input: DocumentEventInput): Promise<number | null> {
  const doc = await findDocument(tx, input.documentId);
  if (!doc) return null;
  const revisionId = input.revision?.id ?? input.revisionId ?? doc.publishedRevisionId;
  const revision = input.revision ?? (revisionId ? await findRevision(tx, revisionId) : undefined);
  if (!revision) return null;
  const previous = input.previousRevisionId ? await findRevision(tx, input.previousRevisionId) : undefined;
  const successorDoc =
    input.kind === 'superseded' && doc.supersededById ? await findDocument(tx, doc.supersededById) : undefined;
  const successorRevision = successorDoc?.publishedRevisionId
    ? await findRevision(tx, successorDoc.publishedRevisionId)
    : undefined;
  const offense = revision.offense;
  const statuteKeys = offense
    ? [
        ...new Set(
          offense.statutes.flatMap((s) => [statuteKey(s), statuteSectionKey(s)]).filter((k): k is string => !!k),
        ),
      ]
    : [];
  const payload: DocumentEventPayload = {
    title: revision.title,
    slug: doc.slug,
    kind: revision.kind,
    note: input.kind === 'revised' || input.kind === 'published' ? revision.note : '',
    changedSections:
      input.kind === 'revised' && previous
        ? sectionDiff(previous.body, revision.body)
            .filter((s) => s.change !== 'same')
            .map((s) => s.heading)
        : [],
    changedOutcomes: input.kind === 'revised' && previous ? changedOutcomes(previous, revision) : [],
    statuteKeys,
    offenseTypes: revision.offenseTypes,
    consequences: [...new Set([...revision.consequences, ...Object.keys(offense?.assessments ?? {})])],
    jurisdictions: [...new Set([...revision.jurisdictions, ...(offense ? [offense.jurisdiction] : [])])],
    publisher: revision.publisher,
    ...(successorDoc && successorRevision
      ? { successor: { id: successorDoc.id, slug: successorDoc.slug, title: successorRevision.title } }
      : {}),
    ...(input.reason ? { reason: input.reason.slice(0, 2000) } : {}),
  };
  return insertDocumentEvent(tx, {
    kind: input.kind,
    documentId: doc.id,
    revisionId: revision.id,
    previousRevisionId: previous?.id ?? null,
    payload,
  });
}
