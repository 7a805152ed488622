import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DOCUMENT_KIND_CODES, type DocumentContent, JURISDICTION_CODES } from '@kb/contracts';

/** One document of an import file, as the bulk-import format defines it. */
export interface ImportRecord {
  externalId: string;
  content: DocumentContent;
  source: string | null;
}

export interface LineError {
  line: number;
  message: string;
}

const KINDS = new Set<string>(DOCUMENT_KIND_CODES);
const JURISDICTIONS = new Set(JURISDICTION_CODES);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const str = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' ? value.slice(0, max) : undefined;
const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim())
    : [];

/** Validates one parsed line; returns the record or a message saying what is wrong. */
export function toImportRecord(raw: unknown): ImportRecord | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'expected a JSON object';
  const o = raw as Record<string, unknown>;
  const externalId = str(o.id, 200)?.trim();
  if (!externalId) return 'missing "id"';
  const title = str(o.title, 500)?.trim();
  if (!title) return 'missing "title"';
  const kind = str(o.kind, 40) ?? '';
  if (!KINDS.has(kind)) return `unknown "kind" "${kind.slice(0, 40)}" (one of ${[...KINDS].join(', ')})`;
  if (typeof o.body !== 'string' || o.body.trim() === '') return 'missing "body"';
  const date = str(o.date, 40);
  if (date !== undefined && date !== '' && !DATE.test(date)) return `"date" must be YYYY-MM-DD, got "${date}"`;
  const jurisdictions = [...strings(o.jurisdictions), ...(typeof o.jurisdiction === 'string' ? [o.jurisdiction] : [])];
  const unknown = jurisdictions.filter((j) => !JURISDICTIONS.has(j));
  if (unknown.length > 0) return `unknown jurisdiction "${unknown[0]}"`;
  const citations = [
    ...(typeof o.citation === 'string' ? o.citation.split(';').map((c) => c.trim()) : []),
    ...strings(o.citations),
  ].filter(Boolean);
  const audience = str(o.audience, 20) ?? 'both';
  if (!['defense', 'immigration', 'both'].includes(audience)) return `unknown "audience" "${audience}"`;
  return {
    externalId,
    source: str(o.source, 2000) ?? null,
    content: {
      kind: kind as DocumentContent['kind'],
      title,
      summary: str(o.summary, 5000) ?? '',
      publisher: str(o.publisher, 200) ?? '',
      authors: strings(o.authors),
      jurisdictions: [...new Set(jurisdictions)],
      audience: audience as DocumentContent['audience'],
      documentDate: date || null,
      lastReviewedAt: str(o.lastReviewedAt, 10) ?? null,
      citations: [...new Set(citations)],
      offenseTypes: strings(o.offenseTypes),
      consequences: strings(o.consequences),
      body: o.body,
    },
  };
}

/** Reads a JSON Lines file, yielding each record or the error of its line (by line number). */
export async function* readJsonLines(
  file: string,
): AsyncGenerator<{ line: number; record?: ImportRecord; error?: string }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      yield { line, error: `invalid JSON (${(error as Error).message})` };
      continue;
    }
    const result = toImportRecord(parsed);
    yield typeof result === 'string' ? { line, error: result } : { line, record: result };
  }
}
