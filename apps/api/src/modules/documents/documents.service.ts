import {
  type DocumentContent,
  JURISDICTION_CODES,
  OffenseEntryData,
  offenseEntryProblems,
  offenseEntrySlug,
  withOffenseFields,
} from '@kb/contracts';
import type { Database, Tx } from '@kb/db';
import { slugify } from '@kb/markdown';
import { Value } from 'typebox/value';
import { badRequest } from '../../lib/errors';
import type { CurrentUser } from '../../plugins/auth';
import { recordAudit } from '../audit';
import { findOrganizationByPublisher } from '../organizations';
import { assertKnownTags, currentTagCodes, type TagChange, type TaggedDocuments } from '../taxonomy';
import { writeCitationLinks } from './documents.citations';
import { contentOf, sameContent } from './documents.content';
import { recordDocumentEvent } from './documents.events';
import {
  documentsTaggedWith,
  enqueueSearchSync,
  findDocument,
  findDocumentByExternalId,
  findDocumentsByExternalIds,
  findRevision,
  freeSlug,
  insertDocument,
  insertRevision,
  lockDocument,
  markRevisionPublished,
  publishedTaggedWith,
  type RevisionRow,
  replaceDocumentTerms,
  replaceOffenseStatutes,
  updateDocument,
} from './documents.repository';

const JURISDICTIONS = new Set(JURISDICTION_CODES);

function assertKnownJurisdictions(content: DocumentContent): void {
  const unknown = content.jurisdictions.filter((j) => !JURISDICTIONS.has(j));
  if (unknown.length > 0) throw badRequest(`Unknown jurisdiction code(s): ${unknown.slice(0, 5).join(', ')}.`);
}

/** An offense entry's row: present exactly for that kind, well-formed, consistent. */
function validateOffense(content: DocumentContent): void {
  const offense = content.offense ?? null;
  if (content.kind !== 'offense_entry') {
    if (offense !== null) throw badRequest('Only a document of kind offense_entry can have a chart row (offense).');
    return;
  }
  if (offense === null) throw badRequest('An offense entry needs its chart row (offense).');
  if (!Value.Check(OffenseEntryData, offense)) {
    const [first] = Value.Errors(OffenseEntryData, offense);
    throw badRequest(
      `The chart row is not valid: ${first ? `${first.instancePath || '/'} ${first.message}` : 'bad shape'}.`,
    );
  }
  const problems = offenseEntryProblems(offense);
  if (problems.length > 0) {
    throw badRequest(`The chart row is not valid: ${problems.map((p) => `${p.field}: ${p.message}`).join(' ')}`, {
      problems,
    });
  }
}

/**
 * The content as it is stored: an offense entry's title, body, citations and jurisdictions
 * derived from its row, tags of merged-away terms mapped to the terms they became (an import
 * file or an editor opened before a merge still saves). Not checked: see `validateContent`.
 */
export async function prepareContent(tx: Tx, content: DocumentContent): Promise<DocumentContent> {
  return currentTagCodes(tx, withOffenseFields(content));
}

/**
 * Rejects malformed chart rows, unknown jurisdiction codes and tags the vocabulary does not
 * have (as given: a revision saved before a merge is refused for publishing, not re-tagged).
 */
export async function validateContent(tx: Tx, content: DocumentContent): Promise<void> {
  validateOffense(content);
  assertKnownJurisdictions(content);
  await assertKnownTags(tx, content);
}

/** Content as it may be saved: prepared, then validated (a 400 names what is wrong). */
export async function checkedContent(tx: Tx, content: DocumentContent): Promise<DocumentContent> {
  const prepared = await prepareContent(tx, content);
  await validateContent(tx, prepared);
  return prepared;
}

/** Who acts, for revisions and the audit trail. */
export interface Actor {
  user: CurrentUser;
  ip?: string | null;
}

/** Creates a document with its first revision as a draft. */
export async function createDraft(
  tx: Tx,
  input: {
    content: DocumentContent;
    authorId: string | null;
    note?: string;
    externalId?: string | null;
    source?: string | null;
    /** When it was written, if not now (a seeded document's own date). */
    postedAt?: Date;
    /** The owning organization (null or absent: the public-domain library). */
    organizationId?: string | null;
  },
) {
  const content = await checkedContent(tx, input.content);
  const slug = await freeSlug(tx, content.offense ? offenseEntrySlug(content.offense) : slugify(content.title));
  const doc = await insertDocument(tx, {
    slug,
    externalId: input.externalId,
    createdBy: input.authorId,
    createdAt: input.postedAt,
    organizationId: input.organizationId,
  });
  const revision = await insertRevision(tx, {
    documentId: doc.id,
    baseRevisionId: null,
    authorId: input.authorId,
    note: input.note ?? 'Created',
    content,
    source: input.source,
    createdAt: input.postedAt,
  });
  await updateDocument(tx, doc.id, { headRevisionId: revision.id });
  return { document: { ...doc, headRevisionId: revision.id }, revision };
}

/**
 * Makes a revision the public one, queues the search update and records the event followers
 * hear of (`published`, or `revised` when readers saw another revision before) — all in the
 * caller's transaction. `notify: false` for changes that are not new guidance (a re-tag).
 */
export async function publishRevision(
  tx: Tx,
  documentId: string,
  revision: RevisionRow,
  publishedAt = new Date(),
  options: { notify?: boolean } = {},
): Promise<void> {
  const before = await findDocument(tx, documentId);
  await updateDocument(tx, documentId, {
    status: 'published',
    publishedRevisionId: revision.id,
    publishedAt,
  });
  await markRevisionPublished(tx, revision.id, publishedAt);
  await replaceDocumentTerms(tx, documentId, revision);
  await replaceOffenseStatutes(tx, documentId, revision);
  await writeCitationLinks(tx, documentId, revision);
  await enqueueSearchSync(tx, [documentId], 'upsert');
  const previousRevisionId = before?.publishedRevisionId ?? null;
  if (options.notify !== false && previousRevisionId !== revision.id) {
    await recordDocumentEvent(tx, {
      kind: previousRevisionId ? 'revised' : 'published',
      documentId,
      revision,
      previousRevisionId,
    });
  }
}

/** Noon UTC of a document date (the same calendar day in every US time zone); never in the future. */
export function documentDateTime(documentDate: string | null | undefined): Date | undefined {
  if (!documentDate || !/^\d{4}-\d{2}-\d{2}$/.test(documentDate)) return undefined;
  const at = new Date(`${documentDate}T12:00:00Z`);
  return Number.isNaN(at.getTime()) || at.getTime() > Date.now() ? undefined : at;
}

/**
 * The organization an imported publisher names (by name, short name or slug); null for no
 * publisher (the public-domain library). An unknown publisher is refused: publishers are
 * organizations, not free text.
 */
export async function publisherOrganization(tx: Tx, publisher: string) {
  if (publisher.trim() === '') return null;
  const owner = await findOrganizationByPublisher(tx, publisher);
  if (!owner) {
    throw badRequest(
      `Unknown publisher "${publisher.trim().slice(0, 200)}": no organization has that name. A network admin creates it first.`,
    );
  }
  return owner;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Upserts one document from an import as published, keyed by its external id, in the
 * caller's transaction. Re-importing the same content changes nothing.
 */
export async function importPublished(
  db: Database,
  input: {
    externalId: string;
    content: DocumentContent;
    source?: string | null;
    actorId: string | null;
    status?: 'published' | 'draft';
    /**
     * Seeds: a new document's first revision (and its creation and publication) carry the
     * document's own date rather than the day the seed ran. Later revisions are dated now.
     */
    datedByDocument?: boolean;
  },
): Promise<{ outcome: ImportOutcome; documentId: string }> {
  return db.transaction(async (tx) => {
    const owner = await publisherOrganization(tx, input.content.publisher);
    input = { ...input, content: { ...input.content, publisher: owner?.name ?? '' } };
    const existing = await findDocumentByExternalId(tx, input.externalId);
    const wantPublished = (input.status ?? 'published') === 'published';
    if (!existing) {
      const postedAt = input.datedByDocument ? documentDateTime(input.content.documentDate) : undefined;
      // createDraft checks the content (and maps merged-away tags) itself.
      const { document, revision } = await createDraft(tx, {
        organizationId: owner?.id ?? null,
        content: input.content,
        authorId: input.actorId,
        note: 'Imported',
        externalId: input.externalId,
        source: input.source,
        postedAt,
      });
      if (wantPublished) await publishRevision(tx, document.id, revision, postedAt);
      await recordAudit(tx, {
        actorId: input.actorId,
        action: 'document.import',
        targetType: 'document',
        targetId: document.id,
        details: { externalId: input.externalId, outcome: 'created' },
      });
      return { outcome: 'created' as const, documentId: document.id };
    }
    const content = await checkedContent(tx, input.content);
    const locked = await lockDocument(tx, existing.id);
    // An import names the owner: a document moves to the organization its publisher names.
    if (locked && locked.organizationId !== (owner?.id ?? null)) {
      await updateDocument(tx, existing.id, { organizationId: owner?.id ?? null });
    }
    const head = locked?.headRevisionId ? await findRevision(tx, locked.headRevisionId) : undefined;
    const isCurrent = wantPublished ? locked?.publishedRevisionId === locked?.headRevisionId : true;
    if (
      head &&
      isCurrent &&
      sameContent(contentOf(head), content) &&
      (head.source ?? null) === (input.source ?? null)
    ) {
      return { outcome: 'unchanged' as const, documentId: existing.id };
    }
    const revision = await insertRevision(tx, {
      documentId: existing.id,
      baseRevisionId: locked?.headRevisionId ?? null,
      authorId: input.actorId,
      note: 'Re-imported',
      content,
      source: input.source,
    });
    await updateDocument(tx, existing.id, { headRevisionId: revision.id });
    if (wantPublished) await publishRevision(tx, existing.id, revision);
    await recordAudit(tx, {
      actorId: input.actorId,
      action: 'document.import',
      targetType: 'document',
      targetId: existing.id,
      details: { externalId: input.externalId, outcome: 'updated' },
    });
    return { outcome: 'updated' as const, documentId: existing.id };
  });
}

/**
 * Replaces the tag `change.from` by `change.to` in every document whose latest or published
 * revision carries it (a vocabulary merge). Revisions are never edited in place, so re-tagging
 * stores new revisions by the actor with a note saying why: the published revision's tags
 * become a new published revision (readers and search see the merged tag at once, under the
 * same publication date), and a pending draft gets a re-tagged revision on top of it. An
 * editor who had the draft open still saves: see `rebasedOnRetag` in the editor service.
 */
export async function retagDocuments(tx: Tx, change: TagChange, actor: Actor): Promise<number> {
  const field = change.vocabulary === 'offense_type' ? 'offenseTypes' : 'consequences';
  const retag = (content: DocumentContent): DocumentContent => ({
    ...content,
    [field]: [...new Set(content[field].map((code) => (code === change.from ? change.to : code)))],
  });
  const uses = (revision: RevisionRow | undefined) => !!revision && revision[field].includes(change.from);
  let count = 0;
  for (const id of await documentsTaggedWith(tx, field, change.from)) {
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
        note: head?.id === published.id ? change.note : `${change.note} (published revision ${published.number})`,
        content: retag(contentOf(published)),
        source: published.source,
      });
      await publishRevision(tx, id, revision, undefined, { notify: false });
      // A re-tag is not new guidance: the publication date readers see stays.
      await updateDocument(tx, id, { publishedAt: doc.publishedAt });
      if (head?.id === published.id) headId = revision.id;
    }
    if (head && uses(head) && headId === doc.headRevisionId) {
      const revision = await insertRevision(tx, {
        documentId: id,
        baseRevisionId: doc.headRevisionId,
        authorId: actor.user.id,
        note: change.note,
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
      details: { from: change.from, to: change.to, vocabulary: change.vocabulary },
      ip: actor.ip,
    });
    count++;
  }
  return count;
}

/**
 * Queues the published documents tagged with any of `codes` or their narrower terms (all
 * published documents when omitted) for re-indexing, in the caller's transaction: their index
 * entries carry the terms' labels, synonyms and ancestors.
 */
export async function reindexTagged(tx: Tx, codes?: string[]): Promise<number> {
  const ids = await publishedTaggedWith(tx, codes);
  await enqueueSearchSync(tx, ids, 'upsert');
  return ids.length;
}

/** Queues documents for the index (upsert: re-read; delete: drop): the sync worker does the rest. */
export function queueForIndex(tx: Tx, documentIds: string[], op: 'upsert' | 'delete' = 'upsert'): Promise<void> {
  return enqueueSearchSync(tx, documentIds, op);
}

/** What the vocabulary asks of tagged documents (handed to the taxonomy module by app.ts). */
export const taggedDocuments: TaggedDocuments = { retag: retagDocuments, reindexTagged };

/** Marks a document superseded by another, both named by external id (seeding the demo). */
export async function supersedeByExternalId(db: Database, externalId: string, successorExternalId: string) {
  await db.transaction(async (tx) => {
    const rows = await findDocumentsByExternalIds(tx, [externalId, successorExternalId]);
    const old = rows.find((r) => r.externalId === externalId);
    const successor = rows.find((r) => r.externalId === successorExternalId);
    if (!old || !successor) return;
    if (old.supersededById === successor.id) return;
    await updateDocument(tx, old.id, { supersededById: successor.id });
    await enqueueSearchSync(tx, [old.id], 'upsert');
    await recordDocumentEvent(tx, { kind: 'superseded', documentId: old.id });
  });
}
