import { round } from './stats';

export interface MeiliWorkSummary {
  tasks: number;
  batches: number;
  /** Per kind of batch (its task types): batches, tasks and processing time as Meilisearch reports it. */
  byKind: Record<string, { batches: number; tasks: number; seconds: number }>;
}

/** ISO-8601 durations as Meilisearch writes them ("PT0.0123S", "PT1M2.5S") → seconds. */
export function isoDurationSeconds(duration: string | null | undefined): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration ?? '');
  if (!m) return 0;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * What Meilisearch did during the run (loading, publishing), from its batches: how many tasks
 * the outbox worker gave it, how it grouped them, and how long each kind took — the evidence
 * for how the worker talks to it.
 */
export async function summarizeMeiliWork(meili: { url: string; key: string }): Promise<MeiliWorkSummary> {
  const headers = { authorization: `Bearer ${meili.key}` };
  const byKind: MeiliWorkSummary['byKind'] = {};
  let tasks = 0;
  let batches = 0;
  let from: number | null = null;
  for (let page = 0; page < 1000; page++) {
    const query = new URLSearchParams({ limit: '1000' });
    if (from !== null) query.set('from', String(from));
    const answer = (await (await fetch(`${meili.url}/batches?${query}`, { headers })).json()) as {
      results: Array<{ duration: string | null; stats: { totalNbTasks: number; types: Record<string, number> } }>;
      next: number | null;
    };
    for (const batch of answer.results) {
      const kind = Object.keys(batch.stats.types ?? {})
        .sort()
        .join('+');
      const entry = byKind[kind] ?? { batches: 0, tasks: 0, seconds: 0 };
      entry.batches++;
      entry.tasks += batch.stats.totalNbTasks;
      entry.seconds += isoDurationSeconds(batch.duration);
      byKind[kind] = entry;
      batches++;
      tasks += batch.stats.totalNbTasks;
    }
    if (answer.next === null || answer.next === undefined) break;
    from = answer.next;
  }
  for (const entry of Object.values(byKind)) entry.seconds = round(entry.seconds, 1);
  return { tasks, batches, byKind };
}

/** The work done between two summaries. */
export function workSince(before: MeiliWorkSummary, after: MeiliWorkSummary): MeiliWorkSummary {
  const byKind: MeiliWorkSummary['byKind'] = {};
  for (const [kind, entry] of Object.entries(after.byKind)) {
    const earlier = before.byKind[kind] ?? { batches: 0, tasks: 0, seconds: 0 };
    if (entry.batches === earlier.batches) continue;
    byKind[kind] = {
      batches: entry.batches - earlier.batches,
      tasks: entry.tasks - earlier.tasks,
      seconds: round(entry.seconds - earlier.seconds, 1),
    };
  }
  return { tasks: after.tasks - before.tasks, batches: after.batches - before.batches, byKind };
}

export function describeWork(work: MeiliWorkSummary): string {
  const kinds = Object.entries(work.byKind)
    .sort((a, b) => b[1].seconds - a[1].seconds)
    .map(([kind, e]) => `${kind}: ${e.tasks} tasks in ${e.batches} batches, ${e.seconds} s`);
  return `${work.tasks} tasks in ${work.batches} batches (${kinds.join('; ')})`;
}

/** Waits until Meilisearch has no task enqueued or processing (a settings change can reindex everything). */
export async function waitForMeiliIdle(meili: { url: string; key: string }, timeoutMs = 600_000): Promise<void> {
  const headers = { authorization: `Bearer ${meili.key}` };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = (await (
      await fetch(`${meili.url}/tasks?statuses=enqueued,processing&limit=1`, { headers })
    ).json()) as {
      total?: number;
      results?: unknown[];
    };
    if ((answer.total ?? answer.results?.length ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch still busy after ${timeoutMs} ms`);
}
