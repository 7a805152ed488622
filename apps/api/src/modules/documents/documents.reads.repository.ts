import { documentReads, type Tx } from '@kb/db';
import { sql } from 'drizzle-orm';

/** One more read of a published document, now. */
export async function recordRead(tx: Tx, documentId: string): Promise<void> {
  await tx
    .insert(documentReads)
    .values({ documentId, readCount: 1, lastReadAt: new Date() })
    .onConflictDoUpdate({
      target: documentReads.documentId,
      set: { readCount: sql`${documentReads.readCount} + 1`, lastReadAt: sql`now()` },
    });
}
