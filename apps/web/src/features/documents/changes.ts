import type { DiffLine, RevisionDiff, RevisionListItem, SectionChange } from '@kb/contracts';
import { splitSections } from '@kb/markdown';

/*
 * The reader's "What changed": the API's line diff of two published revisions, told section
 * by section (the unit a reader bookmarks and links to), with the editors' notes between them.
 */

/** One section and the runs of lines that changed in it (with a little unchanged context). */
export interface SectionLines extends SectionChange {
  runs: DiffLine[][];
}

/** The section each line number falls in: the last one starting at or before it. */
function locator(body: string): (line: number) => string | null {
  const starts = splitSections(body).map((s) => [s.startLine, s.anchor] as const);
  return (line) => {
    let found: string | null = null;
    for (const [start, anchor] of starts) {
      if (start > line) break;
      found = anchor;
    }
    return found ?? starts[0]?.[1] ?? null;
  };
}

/**
 * Splits the diff's hunks at section boundaries: a line that is in the newer body belongs to
 * the section holding it there, a removed line to its section in the older body. Runs of
 * context alone (a neighbour's change spilling over) are dropped.
 */
export function sectionsWithLines(diff: RevisionDiff, beforeBody: string, afterBody: string): SectionLines[] {
  const inBefore = locator(beforeBody);
  const inAfter = locator(afterBody);
  const runs = new Map<string, DiffLine[][]>();
  for (const hunk of diff.body.hunks) {
    let anchor: string | null = null;
    let run: DiffLine[] = [];
    const close = () => {
      if (anchor !== null && run.some((l) => l.type !== 'same')) {
        const list = runs.get(anchor) ?? [];
        list.push(run);
        runs.set(anchor, list);
      }
      run = [];
    };
    for (const line of hunk.lines) {
      const at = line.newNumber !== null ? inAfter(line.newNumber) : inBefore(line.oldNumber ?? 0);
      if (at !== anchor) {
        close();
        anchor = at;
      }
      run.push(line);
    }
    close();
  }
  return diff.sections.map((s) => ({ ...s, runs: runs.get(s.anchor) ?? [] }));
}

/** The published revisions a reader may compare, newest first (an editor's list holds drafts too). */
export const publishedRevisions = (revisions: RevisionListItem[]) =>
  revisions.filter((r) => r.isPublished || r.publishedAt !== null);

/**
 * The two revisions to compare: those asked for, else the one published at the time given
 * (`since`: when a bookmark was saved) or the one before the latest, against the latest.
 */
export function pickRevisions(
  published: RevisionListItem[],
  asked: { from?: string | null; to?: string | null; since?: string | null },
): { from: RevisionListItem | null; to: RevisionListItem | null } {
  const byId = (id: string | null | undefined) => published.find((r) => r.id === id) ?? null;
  const to = byId(asked.to) ?? published[0] ?? null;
  const older = published.filter((r) => to === null || r.number < to.number);
  const since = asked.since ? Date.parse(asked.since) : Number.NaN;
  const atSince = Number.isNaN(since)
    ? null
    : (older.find((r) => Date.parse(r.publishedAt ?? r.createdAt) <= since) ?? null);
  const from = byId(asked.from) ?? atSince ?? older[0] ?? null;
  return { from, to };
}

/** The notes of the revisions after `from` up to `to`, oldest first: why the text changed. */
export const notesBetween = (published: RevisionListItem[], from: RevisionListItem, to: RevisionListItem) =>
  published
    .filter((r) => r.number > Math.min(from.number, to.number) && r.number <= Math.max(from.number, to.number))
    .sort((a, b) => a.number - b.number);
