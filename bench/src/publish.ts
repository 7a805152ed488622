import { contentOf, findRevision, importPublished } from '@kb/api/testing';
import type { Database } from '@kb/db';
import { documents } from '@kb/db';
import { eq } from 'drizzle-orm';
import { generateRecord } from './generator';
import { type LatencySummary, summarize } from './stats';

export interface PublishReport {
  /** `editorial-api`: PUT draft + POST publish over HTTP; `service`: documents.service in-process. */
  via: 'editorial-api' | 'service';
  publishes: number;
  /** From the publish request to the new revision being served by Meilisearch. */
  latency: LatencySummary;
  timeouts: number;
}

interface Meili {
  url: string;
  key: string;
  /** The sections index. */
  uid: string;
  /** The counting index (one record per document), when the design has one. */
  documentsUid?: string;
}

async function meiliJson(meili: Meili, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${meili.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${meili.key}`, 'content-type': 'application/json', ...init.headers },
  });
  if (!response.ok) throw new Error(`Meilisearch ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The index ids of a document's sections (whatever the id scheme) and the version they carry. */
async function indexedSections(meili: Meili, documentId: string): Promise<Array<{ id: string; version: string }>> {
  const answer = (await meiliJson(meili, `/indexes/${meili.uid}/documents/fetch`, {
    method: 'POST',
    body: JSON.stringify({ filter: `documentId = ${JSON.stringify(documentId)}`, fields: ['id', 'version'], limit: 5 }),
  })) as { results: Array<{ id: string; version: string }> };
  return answer.results;
}

/**
 * Waits until the new version is served: by the section, and by the document's counting
 * record too (a search counts from it), whichever comes last.
 */
async function waitForVersionChange(
  meili: Meili,
  ids: { section: string; documentRecord: string | null },
  before: string,
  timeoutMs: number,
) {
  const deadline = performance.now() + timeoutMs;
  const changed = async (uid: string, id: string) => {
    const doc = (await meiliJson(meili, `/indexes/${uid}/documents/${id}?fields=version`)) as { version?: string };
    return Boolean(doc.version && doc.version !== before);
  };
  let sectionDone = false;
  let recordDone = ids.documentRecord === null || !meili.documentsUid;
  while (performance.now() < deadline) {
    sectionDone ||= await changed(meili.uid, ids.section);
    if (!recordDone) recordDone = await changed(meili.documentsUid as string, ids.documentRecord as string);
    if (sectionDone && recordDone) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

/** True when the running API has the editorial routes (issue: editorial workflow). */
export async function hasEditorialApi(apiUrl: string): Promise<boolean> {
  try {
    const spec = (await (await fetch(`${apiUrl}/api/openapi.json`)).json()) as { paths?: Record<string, object> };
    const paths = spec.paths ?? {};
    return Boolean(paths['/api/documents/{id}/draft'] && paths['/api/documents/{id}/publish']);
  } catch {
    return false;
  }
}

/**
 * Publishes `count` new revisions of loaded documents, one after the other, and measures how
 * long each takes to be served by Meilisearch — through the outbox worker of the running
 * API. Each publish changes the text of the document's introduction. With the editorial API
 * the clock starts when the publish request is sent (the draft is saved before); without it,
 * when the service's transaction (new revision + publish + outbox row) starts.
 */
export async function measurePublishLatency(input: {
  db: Database;
  meili: Meili;
  seed: number;
  corpusSize: number;
  count: number;
  editor: { id: string; token: string } | null;
  apiUrl: string;
}): Promise<PublishReport> {
  const via = input.editor && (await hasEditorialApi(input.apiUrl)) ? 'editorial-api' : 'service';
  const latencies: number[] = [];
  let timeouts = 0;
  const stride = Math.max(1, Math.floor(input.corpusSize / input.count));
  for (let n = 0; n < input.count; n++) {
    const index = (n * stride + 7) % input.corpusSize;
    const record = generateRecord(input.seed, index);
    const [doc] = await input.db
      .select({ id: documents.id, headRevisionId: documents.headRevisionId })
      .from(documents)
      .where(eq(documents.externalId, record.externalId));
    if (!doc?.headRevisionId) throw new Error(`document ${record.externalId} is not loaded`);
    const [section] = await indexedSections(input.meili, doc.id);
    if (!section) throw new Error(`document ${record.externalId} is not in the index`);
    const head = await findRevision(input.db, doc.headRevisionId);
    if (!head) throw new Error(`revision ${doc.headRevisionId} is missing`);
    const content = contentOf(head);
    const changed = { ...content, body: `${content.body}\n\nRevised by the benchmark (publish ${n + 1}).` };

    let started: number;
    if (via === 'editorial-api' && input.editor) {
      const headers = { authorization: `Bearer ${input.editor.token}`, 'content-type': 'application/json' };
      const save = await fetch(`${input.apiUrl}/api/documents/${doc.id}/draft`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ ...changed, baseRevisionId: head.id, note: 'benchmark' }),
      });
      if (!save.ok) throw new Error(`saving a draft failed: ${save.status} ${await save.text()}`);
      const { revisionId } = (await save.json()) as { revisionId: string };
      started = performance.now();
      const publish = await fetch(`${input.apiUrl}/api/documents/${doc.id}/publish`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ revisionId }),
      });
      if (!publish.ok) throw new Error(`publishing failed: ${publish.status} ${await publish.text()}`);
    } else {
      started = performance.now();
      await importPublished(input.db, {
        externalId: record.externalId,
        content: changed,
        actorId: input.editor?.id ?? null,
      });
    }
    const visible = await waitForVersionChange(
      input.meili,
      { section: section.id, documentRecord: doc.id.replace(/-/g, '') },
      section.version,
      10_000,
    );
    if (visible) latencies.push(performance.now() - started);
    else timeouts++;
  }
  return { via, publishes: input.count, latency: summarize(latencies), timeouts };
}
