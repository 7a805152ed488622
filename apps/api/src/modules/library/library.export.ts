import { type Bookmark, DOCUMENT_KINDS, type ExportFormat } from '@kb/contracts';

/** A folder's bookmarks as a citation list a lawyer can paste into a memo or open in a spreadsheet. */

export interface ExportInput {
  folderName: string;
  bookmarks: Bookmark[];
  /** Origin the links point at, e.g. https://kb.example.org */
  baseUrl: string;
  exportedAt: Date;
}

export function bookmarkUrl(baseUrl: string, bookmark: Bookmark): string {
  const anchor =
    bookmark.sectionAnchor && !bookmark.sectionMissing ? `#${encodeURIComponent(bookmark.sectionAnchor)}` : '';
  return `${baseUrl}/documents/${encodeURIComponent(bookmark.document.slug)}${anchor}`;
}

function statusNotes(b: Bookmark): string[] {
  const notes: string[] = [];
  if (!b.document.available) notes.push('no longer published');
  if (b.superseded) notes.push(b.supersededBy ? `superseded by ${b.supersededBy.title}` : 'superseded');
  if (b.document.needsReview) notes.push('needs review (an authority it cites was flagged)');
  if (b.updatedSinceSaved) notes.push('updated since saved');
  if (b.sectionMissing) notes.push('section no longer in the current version');
  return notes;
}

const kindLabel = (kind: string) => DOCUMENT_KINDS[kind as keyof typeof DOCUMENT_KINDS] ?? kind;

/**
 * A spreadsheet cell that cannot run as a formula: cells starting with =, +, -, @ (or a tab or
 * carriage return, which some spreadsheets strip first) get a leading apostrophe; every cell
 * is quoted with inner quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(input: ExportInput): string {
  const header = [
    'Title',
    'Section',
    'Kind',
    'Publisher',
    'Document date',
    'Last reviewed',
    'Revision',
    'Citations',
    'URL',
    'Note',
    'Saved',
    'Status',
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const b of input.bookmarks) {
    lines.push(
      [
        b.document.title,
        b.sectionHeading ?? '',
        kindLabel(b.document.kind),
        b.document.publisher,
        b.document.documentDate ?? '',
        b.document.lastReviewedAt ?? '',
        b.currentRevision ? String(b.currentRevision.number) : '',
        b.document.citations.join('; '),
        bookmarkUrl(input.baseUrl, b),
        b.note,
        b.createdAt.slice(0, 10),
        statusNotes(b).join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  // CRLF per RFC 4180; the BOM makes Excel read UTF-8 (§, accented names) correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Escapes the Markdown characters that make links, emphasis, code or HTML, so titles and notes
 * print as text (a note cannot inject a link); keeps the rest readable as plain text.
 */
export function markdownText(value: string): string {
  return value.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\s*\r?\n\s*/g, ' ');
}

function formatDate(value: string | null): string {
  if (!value) return '';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

export function toMarkdown(input: ExportInput): string {
  const out: string[] = [
    `# ${markdownText(input.folderName)} — citation list`,
    '',
    `Exported from Advisory KB on ${formatDate(input.exportedAt.toISOString())}. ${input.bookmarks.length} ${
      input.bookmarks.length === 1 ? 'item' : 'items'
    }.`,
    '',
  ];
  input.bookmarks.forEach((b, i) => {
    const parts = [`*${markdownText(b.document.title)}*`];
    if (b.sectionHeading) parts.push(`§ ${markdownText(b.sectionHeading)}`);
    const source = [b.document.publisher, formatDate(b.document.documentDate)].filter(Boolean).join(', ');
    const line = `${i + 1}. ${parts.join(', ')}${source ? ` (${markdownText(source)})` : ''}. <${bookmarkUrl(input.baseUrl, b)}>`;
    out.push(line);
    if (
      b.document.citations.length > 0 &&
      ['statute', 'regulation', 'court_opinion', 'agency_decision'].includes(b.document.kind)
    ) {
      out.push(`   Citation: ${markdownText(b.document.citations[0] ?? '')}`);
    }
    const notes = statusNotes(b);
    if (notes.length > 0) out.push(`   **Note:** ${markdownText(notes.join('; '))}.`);
    if (b.note.trim()) out.push(`   > ${markdownText(b.note.trim())}`);
  });
  out.push('');
  return out.join('\n');
}

export function exportBookmarks(
  format: ExportFormat,
  input: ExportInput,
): { body: string; contentType: string; extension: string } {
  return format === 'csv'
    ? { body: toCsv(input), contentType: 'text/csv; charset=utf-8', extension: 'csv' }
    : { body: toMarkdown(input), contentType: 'text/markdown; charset=utf-8', extension: 'md' };
}

/** A file name safe in a Content-Disposition header and on every file system. */
export function exportFileName(folderName: string, extension: string): string {
  const base = folderName
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return `${base || 'bookmarks'}-citations.${extension}`;
}
