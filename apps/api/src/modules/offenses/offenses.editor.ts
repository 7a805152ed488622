import {
  type ChartImportResponse,
  type CreateOffenseBody,
  type CsvCellError,
  type DocumentContent,
  offenseEntryTitle,
  type SaveOffenseDraftBody,
} from '@kb/contracts';
import type { Database } from '@kb/db';
import { statuteKey } from '@kb/search';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit';
import {
  type Actor,
  contentOf,
  createDocument,
  createDraft,
  creationOwner,
  ensureManagesDocument,
  findRevision,
  insertRevision,
  lockDocument,
  mayManage,
  prepareContent,
  publishRevision,
  sameContent,
  saveDraft,
  updateDocument,
  validateContent,
} from '../documents';
import { parseChartCsv } from './charts.csv';
import { latestEntries } from './offenses.repository';

/** The document content of an entry: the row and the editor's fields; title, body and citations are derived. */
function entryContent(body: CreateOffenseBody, base?: DocumentContent): DocumentContent {
  return {
    kind: 'offense_entry',
    title: offenseEntryTitle(body.offense),
    summary: body.summary ?? base?.summary ?? '',
    publisher: body.publisher ?? base?.publisher ?? '',
    authors: base?.authors ?? [],
    jurisdictions: [body.offense.jurisdiction],
    audience: base?.audience ?? 'both',
    documentDate: body.documentDate !== undefined ? body.documentDate : (base?.documentDate ?? null),
    lastReviewedAt: body.lastReviewedAt !== undefined ? body.lastReviewedAt : (base?.lastReviewedAt ?? null),
    citations: [],
    offenseTypes: body.offenseTypes ?? base?.offenseTypes ?? [],
    consequences: body.consequences ?? base?.consequences ?? [],
    body: '',
    offense: body.offense,
  };
}

/** A new entry, as a draft (publish, review and supersede are the documents' routes). */
export function createOffense(db: Database, actor: Actor, body: CreateOffenseBody) {
  return createDocument(db, actor, { ...entryContent(body), note: body.note });
}

/** Saves a draft of an entry on top of `baseRevisionId`: a stale base is a 409 with the revision that won. */
export async function saveOffenseDraft(db: Database, actor: Actor, documentId: string, body: SaveOffenseDraftBody) {
  // Another organization's entry is a 403 before anything about it is said.
  await ensureManagesDocument(db, actor.user, documentId);
  const base = await findRevision(db, body.baseRevisionId);
  if (!base || base.documentId !== documentId) throw notFound('Revision');
  if (base.kind !== 'offense_entry') throw new AppError(400, 'bad_request', 'This document is not an offense entry.');
  return saveDraft(db, actor, documentId, {
    ...entryContent(body, contentOf(base)),
    baseRevisionId: body.baseRevisionId,
    note: body.note,
  });
}

/** Rows are the same entry when they have the same jurisdiction and the same statutes (by citation key). */
const identityOf = (jurisdiction: string, statutes: string[]) =>
  `${jurisdiction}|${[...new Set(statutes.map(statuteKey))].sort().join('+')}`;

export class ChartImportRefused extends AppError {
  constructor(errors: CsvCellError[]) {
    const named = errors
      .slice(0, 3)
      .map((e) => `line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}`)
      .join('; ');
    super(
      422,
      'validation_failed',
      `The file was refused and nothing was changed: ${errors.length} problem${errors.length === 1 ? '' : 's'} (${named}${errors.length > 3 ? '; …' : ''}).`,
      { errors },
    );
  }
}

/**
 * Imports a chart CSV in one transaction: every cell is checked first, and a file with any bad
 * cell is refused whole. Rows match existing entries by jurisdiction and statute keys; a row
 * equal to its entry changes nothing, so re-importing a file is a no-op.
 */
export async function importChartCsv(
  db: Database,
  actor: Actor | null,
  text: string,
  options: { publish?: boolean } = {},
): Promise<ChartImportResponse> {
  const { rows, errors } = parseChartCsv(text);
  const seen = new Map<string, number>();
  for (const row of rows) {
    const identity = identityOf(row.data.jurisdiction, row.data.statutes);
    const first = seen.get(identity);
    if (first !== undefined) {
      errors.push({ line: row.line, column: 'statutes', message: `The same entry as line ${first}.` });
    } else seen.set(identity, row.line);
  }
  if (errors.length > 0) throw new ChartImportRefused(errors.sort((a, b) => a.line - b.line));
  const publish = options.publish ?? true;
  const actorId = actor?.user.id ?? null;

  return db.transaction(async (tx) => {
    const existing = new Map(
      (await latestEntries(tx, [...new Set(rows.map((r) => r.data.jurisdiction))])).map((e) => [
        identityOf(e.offense.jurisdiction, e.offense.statutes),
        e,
      ]),
    );
    // An editor imports for their own organization: new rows are its, and rows of another
    // organization's entries are refused (the whole file); under two-person review the rows
    // wait as drafts for another editor to publish.
    const owner = actor ? await creationOwner(tx, actor, undefined) : null;
    if (actor) {
      const foreign = rows.filter((row) => {
        const match = existing.get(identityOf(row.data.jurisdiction, row.data.statutes));
        return match && !mayManage(actor.user, match);
      });
      if (foreign.length > 0) {
        throw new AppError(
          403,
          'forbidden',
          `The file was refused and nothing was changed: line${foreign.length === 1 ? '' : 's'} ${foreign
            .slice(0, 10)
            .map((r) => r.line)
            .join(', ')} change entries of another organization; only its editors may.`,
        );
      }
      if (publish && actor.user.role !== 'admin' && owner?.reviewPolicy === 'two_person') {
        throw new AppError(
          409,
          'conflict',
          `${owner.name} reviews with two people: import with publish=false, and another editor of ${owner.name} publishes the entries.`,
        );
      }
    }
    const result: ChartImportResponse = { created: 0, updated: 0, unchanged: 0, rows: [] };
    for (const row of rows) {
      const match = existing.get(identityOf(row.data.jurisdiction, row.data.statutes));
      const audit = (documentId: string, outcome: string, revisionId: string) =>
        recordAudit(tx, {
          actorId,
          action: 'document.import',
          targetType: 'document',
          targetId: documentId,
          details: { format: 'chart-csv', line: row.line, outcome, revisionId },
          ip: actor?.ip,
        });
      if (!match) {
        const content = await prepareContent(
          tx,
          entryContent({ offense: row.data, lastReviewedAt: row.lastReviewedAt }),
        );
        const { document, revision } = await createDraft(tx, {
          content: { ...content, publisher: owner?.name ?? '' },
          authorId: actorId,
          note: 'Imported from CSV',
          organizationId: owner?.id ?? null,
        });
        if (publish) await publishRevision(tx, document.id, revision);
        await audit(document.id, 'created', revision.id);
        result.created++;
        result.rows.push({ line: row.line, id: document.id, slug: document.slug, action: 'created' });
        continue;
      }
      const doc = await lockDocument(tx, match.id);
      const head = doc?.headRevisionId ? await findRevision(tx, doc.headRevisionId) : undefined;
      if (!doc || !head) throw notFound('Offense entry');
      const content = await prepareContent(
        tx,
        entryContent({ offense: row.data, lastReviewedAt: row.lastReviewedAt }, contentOf(head)),
      );
      await validateContent(tx, content);
      const isCurrent = !publish || (doc.status === 'published' && doc.publishedRevisionId === doc.headRevisionId);
      if (sameContent(contentOf(head), content) && isCurrent) {
        result.unchanged++;
        result.rows.push({ line: row.line, id: doc.id, slug: doc.slug, action: 'unchanged' });
        continue;
      }
      const revision = sameContent(contentOf(head), content)
        ? head
        : await insertRevision(tx, {
            documentId: doc.id,
            baseRevisionId: head.id,
            authorId: actorId,
            note: 'Imported from CSV',
            content,
            source: head.source,
          });
      if (revision !== head) await updateDocument(tx, doc.id, { headRevisionId: revision.id });
      if (publish) await publishRevision(tx, doc.id, revision);
      await audit(doc.id, 'updated', revision.id);
      result.updated++;
      result.rows.push({ line: row.line, id: doc.id, slug: doc.slug, action: 'updated' });
    }
    return result;
  });
}
