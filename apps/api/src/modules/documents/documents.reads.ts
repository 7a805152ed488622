import type { Database } from '@kb/db';
import { recordRead } from './documents.reads.repository';

/**
 * Counts a reader's visit (the review queue ranks by how lately guidance was read). Never
 * awaited by the read and never failing it: a lost count costs nothing.
 */
export function countRead(db: Database, documentId: string): void {
  recordRead(db, documentId).catch(() => {});
}
