import {
  AUDIENCES,
  DOCUMENT_KIND_CODES,
  type DocumentContent,
  type DocumentKind,
  type ImportResponse,
  JURISDICTION_CODES,
} from '@kb/contracts';
import type { Database } from '@kb/db';
import { splitSections } from '@kb/markdown';
import type { CurrentUser } from '../../plugins/auth';
import { recordAudit } from '../audit';
import { createDraft, creationOwner, normalizeContent } from '../documents';
import { knownTagsOnly } from '../taxonomy';
import { detectFormat, safeFileName, titleFromFileName, unreadable } from './detect';
import { docxToBlocks } from './extract-docx';
import { readMarkdown } from './extract-markdown';
import { pdfToBlocks } from './extract-pdf';
import { blocksToDraft } from './to-markdown';

/** The longest body a revision holds (DocumentContent.body). */
const MAX_BODY_CHARS = 5_000_000;

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(';') : [])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);
const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');
const isoDate = (value: unknown) => {
  const raw = value instanceof Date ? value.toISOString().slice(0, 10) : text(value, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : null;
};

/**
 * Turns an uploaded file into a new draft: Markdown (with optional front matter), PDF (text
 * layer, headings by font size) or DOCX (Word heading styles). The format is judged by the
 * bytes, never by the name. Metadata that does not fit the vocabulary is dropped with a warning
 * instead of failing the upload: the editor reviews the draft before publishing anyway.
 */
export async function importUpload(
  db: Database,
  actor: { user: CurrentUser; ip?: string | null },
  upload: { buffer: Buffer; fileName: string | undefined; kind?: DocumentKind },
): Promise<ImportResponse> {
  const format = detectFormat(upload.buffer);
  const fileName = safeFileName(upload.fileName);
  const fallbackTitle = titleFromFileName(fileName);
  const warnings: string[] = [];
  let title: string;
  let body: string;
  let meta: Record<string, unknown> = {};
  if (format === 'markdown') {
    const md = readMarkdown(upload.buffer.toString('utf8'));
    ({ meta } = md);
    title = md.title ?? fallbackTitle;
    body = md.body;
    warnings.push(...md.warnings);
  } else {
    const extracted = format === 'pdf' ? await pdfToBlocks(upload.buffer) : await docxToBlocks(upload.buffer);
    const explicitTitle = 'title' in extracted ? (extracted.title as string | null) : null;
    ({ title, body } = blocksToDraft(extracted.blocks, { title: explicitTitle, fallbackTitle }));
    warnings.push(...extracted.warnings);
  }
  if (body.length > MAX_BODY_CHARS) {
    throw unreadable('The text of this file is longer than 5 million characters; split it into several documents.');
  }

  const keep = (values: string[], allowed: Set<string>, what: string) => {
    const unknown = values.filter((v) => !allowed.has(v));
    if (unknown.length > 0) warnings.push(`Unknown ${what} left out: ${unknown.slice(0, 5).join(', ')}.`);
    return values.filter((v) => allowed.has(v));
  };
  // Checked in the order the warnings list them: jurisdictions, then tags.
  const jurisdictions = keep(
    strings(meta.jurisdictions ?? meta.jurisdiction),
    new Set(JURISDICTION_CODES),
    'jurisdiction codes',
  );
  const tags = await knownTagsOnly(
    db,
    { offenseTypes: strings(meta.offenseTypes), consequences: strings(meta.consequences) },
    warnings,
  );
  const metaKind = text(meta.kind, 40);
  const content: DocumentContent = normalizeContent({
    kind: (DOCUMENT_KIND_CODES as string[]).includes(metaKind)
      ? (metaKind as DocumentKind)
      : (upload.kind ?? 'advisory'),
    title: title.slice(0, 500),
    summary: text(meta.summary, 5000),
    publisher: text(meta.publisher, 200),
    authors: strings(meta.authors).slice(0, 50),
    jurisdictions,
    audience: (AUDIENCES as readonly string[]).includes(text(meta.audience, 20))
      ? (text(meta.audience, 20) as DocumentContent['audience'])
      : 'both',
    documentDate: isoDate(meta.documentDate ?? meta.publishedAt ?? meta.date),
    lastReviewedAt: isoDate(meta.lastReviewedAt),
    citations: strings(meta.citations ?? meta.citation).slice(0, 500),
    ...tags,
    body,
  });
  if (!content.title) content.title = fallbackTitle;

  const created = await db.transaction(async (tx) => {
    const owner = await creationOwner(tx, actor, undefined);
    const { document, revision } = await createDraft(tx, {
      organizationId: owner?.id ?? null,
      content: { ...content, publisher: owner?.name ?? '' },
      authorId: actor.user.id,
      note: `Imported from ${fileName}`,
    });
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'document.import_file',
      targetType: 'document',
      targetId: document.id,
      details: { fileName, format, bytes: upload.buffer.length, revisionId: revision.id },
      ip: actor.ip,
    });
    return { document, revision };
  });
  return {
    id: created.document.id,
    slug: created.document.slug,
    revisionId: created.revision.id,
    title: content.title,
    format,
    sectionCount: splitSections(content.body).length,
    warnings,
  };
}
