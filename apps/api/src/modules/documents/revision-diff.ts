import {
  type DiffHunk,
  type DiffLine,
  DOCUMENT_CONTENT_FIELDS,
  type DocumentContent,
  type FieldChange,
  type SectionChange,
} from '@kb/contracts';
import { splitSections } from '@kb/markdown';
import { diffLines } from 'diff';

/** Metadata fields in the order an editor reads them; the body is diffed line by line. */
const FIELDS = DOCUMENT_CONTENT_FIELDS.filter(
  (field): field is Exclude<keyof DocumentContent, 'body' | 'offense'> => field !== 'body' && field !== 'offense',
);

type FieldValue = FieldChange['before'];

export function fieldChanges(before: DocumentContent, after: DocumentContent): FieldChange[] {
  const changes: FieldChange[] = FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  ).map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
  return [...changes, ...offenseChanges(before.offense ?? null, after.offense ?? null)];
}

/**
 * A chart row's changes, one per leaf: `offense.assessments.aggravated_felony.outcome`
 * "no" → "yes", so a reviewer sees the changed outcome itself, not a changed blob.
 */
function offenseChanges(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before, 'offense');
  const b = flatten(after, 'offense');
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((path) => JSON.stringify(a.get(path) ?? null) !== JSON.stringify(b.get(path) ?? null))
    .map((path) => ({ field: path, before: a.get(path) ?? null, after: b.get(path) ?? null }));
}

function flatten(value: unknown, path: string, into = new Map<string, FieldValue>()): Map<string, FieldValue> {
  if (value === null || value === undefined) return into;
  if (Array.isArray(value)) {
    into.set(
      path,
      value.map((item) => (typeof item === 'object' && item !== null ? Object.values(item).join(': ') : String(item))),
    );
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, `${path}.${key}`, into);
  } else {
    into.set(path, String(value));
  }
  return into;
}

const CONTEXT_LINES = 3;

const splitLines = (text: string) => {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
};

/** Every line of both bodies, marked same / added / removed (Myers diff via the `diff` package). */
export function lineDiff(before: string, after: string): DiffLine[] {
  // Bounded: two unrelated 5 MB bodies must not tie up the process; past the bound the
  // answer is "everything replaced", which is still true, just less precise.
  const changes = diffLines(before, after, { timeout: 2_000 });
  const parts = changes ?? [
    { value: before, removed: true, added: false },
    { value: after, removed: false, added: true },
  ];
  const lines: DiffLine[] = [];
  let oldNumber = 1;
  let newNumber = 1;
  for (const part of parts) {
    for (const text of splitLines(part.value)) {
      if (part.added) lines.push({ type: 'added', text, oldNumber: null, newNumber: newNumber++ });
      else if (part.removed) lines.push({ type: 'removed', text, oldNumber: oldNumber++, newNumber: null });
      else lines.push({ type: 'same', text, oldNumber: oldNumber++, newNumber: newNumber++ });
    }
  }
  return lines;
}

/** Groups changed lines into hunks with a few lines of unchanged context, like `diff -u`. */
export function toHunks(lines: DiffLine[], context = CONTEXT_LINES): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let current: DiffLine[] = [];
  let lastChange = -Infinity;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as DiffLine;
    if (line.type !== 'same') {
      if (current.length === 0 || i - lastChange > 2 * context + 1) {
        if (current.length > 0) {
          current.push(...lines.slice(lastChange + 1, lastChange + 1 + context));
          hunks.push(hunkOf(current));
        }
        current = lines.slice(Math.max(0, i - context), i);
      } else {
        current.push(...lines.slice(lastChange + 1, i));
      }
      current.push(line);
      lastChange = i;
    }
  }
  if (current.length > 0) {
    current.push(...lines.slice(lastChange + 1, lastChange + 1 + context));
    hunks.push(hunkOf(current));
  }
  return hunks;
}

function hunkOf(lines: DiffLine[]): DiffHunk {
  const firstOld = lines.find((l) => l.oldNumber !== null)?.oldNumber ?? 0;
  const firstNew = lines.find((l) => l.newNumber !== null)?.newNumber ?? 0;
  return { oldStart: firstOld, newStart: firstNew, lines };
}

export function bodyDiff(before: string, after: string) {
  const lines = lineDiff(before, after);
  return {
    added: lines.filter((l) => l.type === 'added').length,
    removed: lines.filter((l) => l.type === 'removed').length,
    hunks: toHunks(lines),
  };
}

/**
 * The body section by section (matched by heading anchor): what a reader scans to see what
 * changed, and where a bookmark's section lands.
 */
export function sectionDiff(before: string, after: string): SectionChange[] {
  const old = new Map(splitSections(before).map((s) => [s.anchor, s]));
  const fresh = splitSections(after);
  const counted = (a: string, b: string) => {
    const lines = a === b ? [] : lineDiff(a, b);
    return {
      added: lines.filter((l) => l.type === 'added').length,
      removed: lines.filter((l) => l.type === 'removed').length,
    };
  };
  const changes: SectionChange[] = fresh.map((s) => {
    const was = old.get(s.anchor);
    if (!was) return { anchor: s.anchor, heading: s.heading, change: 'added', ...counted('', s.body) };
    const { added, removed } = counted(was.body, s.body);
    const change = added + removed > 0 || was.heading !== s.heading ? 'changed' : 'same';
    return { anchor: s.anchor, heading: s.heading, change, added, removed };
  });
  const kept = new Set(fresh.map((s) => s.anchor));
  for (const s of old.values()) {
    if (!kept.has(s.anchor))
      changes.push({ anchor: s.anchor, heading: s.heading, change: 'removed', ...counted(s.body, '') });
  }
  return changes;
}
