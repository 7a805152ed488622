import { contentOf, findRevision, insertRevision, publishRevision, updateDocument } from '@kb/api/testing';
import type { DocumentContent } from '@kb/contracts';
import type { Database } from '@kb/db';

/**
 * What the editorial workflow does on publish, straight in the database (for browser tests'
 * set-up): a new revision of a seeded document by `editorEmail`, with a note, made the public one.
 */
export async function publishEdit(
  db: Database,
  externalId: string,
  editorEmail: string,
  edit: (content: DocumentContent) => DocumentContent,
  note = 'Updated after new case law',
) {
  const { rows } = await db.$client.query<{ id: string; head_revision_id: string; editor_id: string }>(
    `select d.id, d.head_revision_id, (select id from users where email = $2) as editor_id
     from documents d where d.external_id = $1`,
    [externalId, editorEmail],
  );
  const doc = rows[0];
  if (!doc?.editor_id) throw new Error(`no document ${externalId} or no user ${editorEmail}`);
  return db.transaction(async (tx) => {
    const head = await findRevision(tx, doc.head_revision_id);
    if (!head) throw new Error('no head revision');
    const revision = await insertRevision(tx, {
      documentId: doc.id,
      baseRevisionId: head.id,
      authorId: doc.editor_id,
      note,
      content: edit(contentOf(head)),
    });
    await updateDocument(tx, doc.id, { headRevisionId: revision.id });
    await publishRevision(tx, doc.id, revision);
    return revision;
  });
}
