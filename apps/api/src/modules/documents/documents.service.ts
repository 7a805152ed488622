import {
  type DocumentContent,
  JURISDICTION_CODES,
  OffenseEntryData,
  offenseEntryProblems,
  offenseEntrySlug,
  withOffenseFields,
} from '@kb/contracts';
import { type Database, type Tx, taxonomyTerms } from '@kb/db';
import { slugify } from '@kb/markdown';
import { inArray } from 'drizzle-orm';
import { Value } from 'typebox/value';
import { badRequest } from '../../lib/errors';
import { recordAudit } from '../audit/audit.repository';
import { currentTermCode, loadVocabulary } from '../search/search.repository';
import {
  enqueueSearchSync,
  findDocumentByExternalId,
  findRevision,
  freeSlug,
  insertDocument,
  insertRevision,
  lockDocument,
  type RevisionRow,
  replaceDocumentTerms,
  replaceOffenseStatutes,
  updateDocument,
} from './documents.repository';

const JURISDICTIONS = new Set(JURISDICTION_CODES);

/**
 * The content with the tag codes of merged-away terms replaced by the terms they became: an
 * import file or an editor opened before the merge still saves. Other codes are left as they
 * are, for validateContent to judge.
 */
export async function withCurrentTermCodes(tx: Tx, content: DocumentContent): Promise<DocumentContent> {
  if (content.offenseTypes.length === 0 && content.consequences.length === 0) return content;
  const vocabulary = await loadVocabulary(tx);
  const current = (key: 'offenseTypes' | 'consequences') => [
    ...new Set(content[key].map((code) => currentTermCode(vocabulary, key, code) ?? code)),
  ];
  const mapped = { ...content, offenseTypes: current('offenseTypes'), consequences: current('consequences') };
  return sameContent(mapped, content) ? content : mapped;
}

/**
 * The content as it is stored: an offense entry's title, body, citations and jurisdictions
 * derived from its row, tags of merged-away terms mapped to the terms they became.
 */
export async function prepareContent(tx: Tx, content: DocumentContent): Promise<DocumentContent> {
  return withCurrentTermCodes(tx, withOffenseFields(content));
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

/** Rejects tags that are not in the vocabulary, unknown jurisdiction codes and malformed chart rows. */
export async function validateContent(tx: Tx, content: DocumentContent): Promise<void> {
  validateOffense(content);
  const unknownJurisdictions = content.jurisdictions.filter((j) => !JURISDICTIONS.has(j));
  if (unknownJurisdictions.length > 0) {
    throw badRequest(`Unknown jurisdiction code(s): ${unknownJurisdictions.slice(0, 5).join(', ')}.`);
  }
  const codes = [...new Set([...content.offenseTypes, ...content.consequences])];
  if (codes.length === 0) return;
  const known = await tx
    .select({ vocabulary: taxonomyTerms.vocabulary, code: taxonomyTerms.code })
    .from(taxonomyTerms)
    .where(inArray(taxonomyTerms.code, codes));
  const has = (vocabulary: string, code: string) => known.some((k) => k.vocabulary === vocabulary && k.code === code);
  const unknown = [
    ...content.offenseTypes.filter((c) => !has('offense_type', c)).map((c) => `offense type "${c}"`),
    ...content.consequences.filter((c) => !has('consequence', c)).map((c) => `consequence "${c}"`),
  ];
  if (unknown.length > 0) throw badRequest(`Unknown vocabulary term(s): ${unknown.slice(0, 5).join(', ')}.`);
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
  },
) {
  const content = await prepareContent(tx, input.content);
  await validateContent(tx, content);
  const slug = await freeSlug(tx, content.offense ? offenseEntrySlug(content.offense) : slugify(content.title));
  const doc = await insertDocument(tx, { slug, externalId: input.externalId, createdBy: input.authorId });
  const revision = await insertRevision(tx, {
    documentId: doc.id,
    baseRevisionId: null,
    authorId: input.authorId,
    note: input.note ?? 'Created',
    content,
    source: input.source,
  });
  await updateDocument(tx, doc.id, { headRevisionId: revision.id });
  return { document: { ...doc, headRevisionId: revision.id }, revision };
}

/** Makes a revision the public one and queues the search update. */
export async function publishRevision(tx: Tx, documentId: string, revision: RevisionRow): Promise<void> {
  await updateDocument(tx, documentId, {
    status: 'published',
    publishedRevisionId: revision.id,
    publishedAt: new Date(),
  });
  await replaceDocumentTerms(tx, documentId, revision);
  await replaceOffenseStatutes(tx, documentId, revision);
  await enqueueSearchSync(tx, [documentId], 'upsert');
}

export function contentOf(revision: RevisionRow): DocumentContent {
  return {
    kind: revision.kind as DocumentContent['kind'],
    title: revision.title,
    summary: revision.summary,
    publisher: revision.publisher,
    authors: revision.authors,
    jurisdictions: revision.jurisdictions,
    audience: revision.audience,
    documentDate: revision.documentDate,
    lastReviewedAt: revision.lastReviewedAt,
    citations: revision.citations,
    offenseTypes: revision.offenseTypes,
    consequences: revision.consequences,
    body: revision.body,
    // Only entries have a row: other kinds keep the content shape they always had.
    ...(revision.offense ? { offense: revision.offense } : {}),
  };
}

/** JSON with object keys sorted: jsonb does not keep the key order a row was written in. */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );

export function sameContent(a: DocumentContent, b: DocumentContent): boolean {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as Array<keyof DocumentContent>;
  // `offense` absent and null mean the same.
  return keys.every((k) => stableJson(a[k] ?? null) === stableJson(b[k] ?? null));
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
  },
): Promise<{ outcome: ImportOutcome; documentId: string }> {
  return db.transaction(async (tx) => {
    const existing = await findDocumentByExternalId(tx, input.externalId);
    const wantPublished = (input.status ?? 'published') === 'published';
    if (!existing) {
      // createDraft checks the content (and maps merged-away tags) itself.
      const { document, revision } = await createDraft(tx, {
        content: input.content,
        authorId: input.actorId,
        note: 'Imported',
        externalId: input.externalId,
        source: input.source,
      });
      if (wantPublished) await publishRevision(tx, document.id, revision);
      await recordAudit(tx, {
        actorId: input.actorId,
        action: 'document.import',
        targetType: 'document',
        targetId: document.id,
        details: { externalId: input.externalId, outcome: 'created' },
      });
      return { outcome: 'created' as const, documentId: document.id };
    }
    const content = await prepareContent(tx, input.content);
    await validateContent(tx, content);
    const locked = await lockDocument(tx, existing.id);
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
