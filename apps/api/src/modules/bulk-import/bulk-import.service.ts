import type { Database } from '@kb/db';
import { AppError } from '../../lib/errors';
import { importPublished } from '../documents';
import { findOrganizationByPublisher } from '../organizations';
import { type ImportRecord, type LineError, readJsonLines } from './jsonl';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  errors: LineError[];
}

/** Imports records one transaction each: a crash leaves whole documents, and a re-run finishes the job. */
export async function importRecords(
  db: Database,
  records:
    | AsyncIterable<{ line: number; record?: ImportRecord; error?: string }>
    | Iterable<{ line: number; record?: ImportRecord; error?: string }>,
  options: {
    actorId?: string | null;
    onProgress?: (report: ImportReport) => void;
    /** Seeds: new documents are dated by their own date (see importPublished). */
    datedByDocument?: boolean;
  } = {},
): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, errors: [] };
  for await (const item of records) {
    if (item.error || !item.record) {
      report.errors.push({ line: item.line, message: item.error ?? 'unreadable line' });
      continue;
    }
    try {
      const { outcome } = await importPublished(db, {
        externalId: item.record.externalId,
        content: item.record.content,
        source: item.record.source,
        actorId: options.actorId ?? null,
        datedByDocument: options.datedByDocument,
      });
      report[outcome]++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      report.errors.push({ line: item.line, message: error.message });
    }
    if ((report.created + report.updated + report.unchanged) % 100 === 0) options.onProgress?.(report);
  }
  return report;
}

/**
 * Imports a JSON Lines file. Publishers are organizations: a file naming a publisher that is
 * not one is refused whole, before anything is written, with the line numbers that name it.
 */
export async function importJsonLinesFile(
  db: Database,
  file: string,
  options: Parameters<typeof importRecords>[2] = {},
): Promise<ImportReport> {
  const unknown = await unknownPublishers(db, readJsonLines(file));
  if (unknown.length > 0) return { created: 0, updated: 0, unchanged: 0, errors: unknown };
  return importRecords(db, readJsonLines(file), options);
}

/** The lines naming a publisher no organization answers to. */
async function unknownPublishers(
  db: Database,
  records: AsyncIterable<{ line: number; record?: ImportRecord }>,
): Promise<LineError[]> {
  const known = new Map<string, boolean>();
  const errors: LineError[] = [];
  for await (const { line, record } of records) {
    const publisher = record?.content.publisher.trim();
    if (!publisher) continue;
    if (!known.has(publisher)) known.set(publisher, (await findOrganizationByPublisher(db, publisher)) !== undefined);
    if (!known.get(publisher)) {
      errors.push({
        line,
        message: `unknown publisher "${publisher}": no organization has that name (nothing was imported)`,
      });
    }
  }
  return errors;
}
