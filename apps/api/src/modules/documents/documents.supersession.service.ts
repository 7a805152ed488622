import type {
  CreateSupersessionRequestBody,
  SupersessionRequest,
  SupersessionRequestListQuery,
  SupersessionRequestStatus,
} from '@kb/contracts';
import type { Database, Tx } from '@kb/db';
import { conflict, forbidden, notFound } from '../../lib/errors';
import { findOrganization } from '../organizations';
import { insertReviewEntry } from './documents.editor.repository';
import { type Actor, audit, lockOwned, markSuperseded, mayManage } from './documents.editor.service';
import { findDocument, lockDocument, successorIdOf } from './documents.repository';
import {
  decideSupersessionRequest,
  insertSupersessionRequest,
  listSupersessionRequests,
  lockSupersessionRequest,
  type SupersessionRequestListRow,
} from './documents.supersession.repository';

/*
 * One organization's published document replacing another organization's: the first asks,
 * the replaced document's organization approves (which marks it superseded) or declines.
 * Within one organization (and for network admins) POST /documents/:id/supersede does it at once.
 */

const ref = (id: string | null, slug: string | null, name: string | null) =>
  id && slug && name ? { id, slug, name } : null;

const toRequest = (r: SupersessionRequestListRow): SupersessionRequest => ({
  id: r.id,
  status: r.status,
  document: {
    id: r.document_id,
    slug: r.document_slug,
    title: r.document_title,
    organization: ref(r.document_org_id, r.document_org_slug, r.document_org_name),
  },
  successor: {
    id: r.successor_id,
    slug: r.successor_slug,
    title: r.successor_title,
    organization: ref(r.successor_org_id, r.successor_org_slug, r.successor_org_name),
  },
  note: r.note,
  requestedBy: r.requested_by ? { id: r.requested_by, name: r.requested_by_name ?? '' } : null,
  createdAt: new Date(r.created_at).toISOString(),
  decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
  decisionNote: r.decision_note,
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
});

async function requestById(db: Database | Tx, id: string): Promise<SupersessionRequest> {
  const [row] = await listSupersessionRequests(db, { id });
  if (!row) throw notFound('Supersession request');
  return toRequest(row);
}

/**
 * The caller's organization asks that its published document `successorId` replace another
 * organization's published document. The request waits for that organization's editors.
 */
export async function requestSupersession(
  db: Database,
  actor: Actor,
  successorId: string,
  input: CreateSupersessionRequestBody,
): Promise<SupersessionRequest> {
  const id = await db.transaction(async (tx) => {
    const { doc: successor } = await lockOwned(tx, actor, successorId);
    const target = await findDocument(tx, input.documentId);
    // Another organization's unpublished documents do not exist for this editor.
    if (!target || (target.status !== 'published' && !mayManage(actor.user, target))) throw notFound('Document');
    if (target.id === successor.id) throw conflict('A document cannot supersede itself.');
    if (mayManage(actor.user, target)) {
      throw conflict('That document is your organization’s: mark it superseded from its own page, no request needed.');
    }
    if (target.status !== 'published') throw conflict('Only a published document can be superseded.');
    if (successor.status !== 'published')
      throw conflict('Publish this document before asking that it replace another.');
    if (target.supersededById === successor.id) throw conflict('That document is already superseded by this one.');
    await ensureNoCycle(tx, target.id, successor.id);
    const row = await insertSupersessionRequest(tx, {
      documentId: target.id,
      successorId: successor.id,
      note: input.note?.trim() ?? '',
      requestedBy: actor.user.id,
    });
    if (!row) throw conflict('This request is already pending with the other organization.');
    const details = { requestId: row.id, documentId: target.id, successorId: successor.id, note: row.note };
    await audit(tx, actor, 'supersession_requested', target.id, details);
    return row.id;
  });
  return requestById(db, id);
}

async function ensureNoCycle(tx: Tx, documentId: string, successorId: string): Promise<void> {
  let cursor: string | null = await successorIdOf(tx, successorId);
  for (let hops = 0; cursor && hops < 100; hops++) {
    if (cursor === documentId) {
      throw conflict('That would create a cycle: the successor is itself (indirectly) superseded by that document.');
    }
    cursor = await successorIdOf(tx, cursor);
  }
}

/** Requests concerning the caller's organization (network admins: all), pending unless asked otherwise. */
export async function supersessionRequests(
  db: Database,
  actor: Actor,
  query: SupersessionRequestListQuery,
): Promise<{ items: SupersessionRequest[] }> {
  const status = query.status ?? 'pending';
  if (actor.user.role !== 'admin' && !actor.user.organizationId) return { items: [] };
  const rows = await listSupersessionRequests(db, {
    status,
    direction: query.direction,
    organizationId: actor.user.role === 'admin' ? undefined : (actor.user.organizationId ?? undefined),
  });
  return { items: rows.map(toRequest) };
}

type Decision = 'approve' | 'decline' | 'withdraw';
const STATUS_OF: Record<Decision, Exclude<SupersessionRequestStatus, 'pending'>> = {
  approve: 'approved',
  decline: 'declined',
  withdraw: 'withdrawn',
};

/**
 * The replaced document's organization approves (the document is marked superseded, in both
 * documents' history and the audit log) or declines; the requesting organization may withdraw.
 */
export async function decideSupersession(
  db: Database,
  actor: Actor,
  requestId: string,
  decision: Decision,
  note = '',
): Promise<SupersessionRequest> {
  await db.transaction(async (tx) => {
    const request = await lockSupersessionRequest(tx, requestId);
    if (!request) throw notFound('Supersession request');
    const target = await lockDocument(tx, request.documentId);
    const successor = await findDocument(tx, request.successorId);
    if (!target || !successor) throw notFound('Supersession request');
    const managesTarget = mayManage(actor.user, target);
    const managesSuccessor = mayManage(actor.user, successor);
    // Organizations not party to the request do not learn of it.
    if (!managesTarget && !managesSuccessor) throw notFound('Supersession request');
    if (decision === 'withdraw' ? !managesSuccessor : !managesTarget) {
      const side = decision === 'withdraw' ? successor : target;
      const owner = side.organizationId ? await findOrganization(tx, side.organizationId) : undefined;
      throw forbidden(
        decision === 'withdraw'
          ? `Only ${owner?.name ?? 'the requesting organization'}’s editors withdraw this request.`
          : `Only ${owner?.name ?? 'the owning organization'}’s editors approve or decline this request.`,
      );
    }
    if (request.status !== 'pending') throw conflict(`This request was already ${request.status}.`);
    const decisionNote = note.trim();
    await decideSupersessionRequest(tx, request.id, {
      status: STATUS_OF[decision],
      decidedBy: actor.user.id,
      decisionNote,
    });
    const details = { requestId: request.id, documentId: target.id, successorId: successor.id, note: decisionNote };
    if (decision !== 'approve') {
      await audit(tx, actor, `supersession_${STATUS_OF[decision]}`, target.id, details);
      return;
    }
    await markSuperseded(tx, actor, target, successor.id, { requestId: request.id, requestedBy: request.requestedBy });
    const { document: replaced, successor: replacing } = await requestById(tx, request.id);
    const named = (d: typeof replaced) => `“${d.title}” (${d.organization?.name ?? 'the public-domain library'})`;
    const suffix = decisionNote ? `: ${decisionNote}` : '';
    // In both documents' history: who approved, when, with what comment.
    await insertReviewEntry(tx, {
      documentId: target.id,
      revisionId: target.publishedRevisionId,
      kind: 'supersession',
      authorId: actor.user.id,
      body: `Superseded by ${named(replacing)} at its organization’s request; approved${suffix}`,
    });
    await insertReviewEntry(tx, {
      documentId: successor.id,
      revisionId: successor.publishedRevisionId,
      kind: 'supersession',
      authorId: actor.user.id,
      body: `Supersedes ${named(replaced)}, approved by its organization${suffix}`,
    });
    await audit(tx, actor, 'supersession_approved', target.id, details);
    await audit(tx, actor, 'supersession_approved', successor.id, details);
  });
  return requestById(db, requestId);
}
