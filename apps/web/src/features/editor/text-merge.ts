import { DOCUMENT_CONTENT_FIELDS, type DocumentContent } from '@kb/contracts';

export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
export const sameContent = (a: DocumentContent, b: DocumentContent) =>
  DOCUMENT_CONTENT_FIELDS.every((field) => sameValue(a[field], b[field]));

export const emptyContent = (): DocumentContent => ({
  kind: 'advisory',
  title: '',
  summary: '',
  publisher: '',
  authors: [],
  jurisdictions: [],
  audience: 'both',
  documentDate: null,
  lastReviewedAt: null,
  citations: [],
  offenseTypes: [],
  consequences: [],
  body: '',
});

const toLines = (text: string) => text.replace(/\r\n?/g, '\n').split('\n');

/** Past this many cells the full comparison is skipped (only common start and end are matched). */
const MAX_CELLS = 4_000_000;

/** Pairs [i, j] of equal lines of a and b in order: a longest common subsequence. */
export function matchLines(a: string[], b: string[]): Array<[number, number]> {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && n * m <= MAX_CELLS) {
    // table[i][j] = LCS length of a[start+i..endA) and b[start+j..endB)
    const width = m + 1;
    const table = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * width + j] =
          a[start + i] === b[start + j]
            ? (table[(i + 1) * width + j + 1] as number) + 1
            : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++;
      else j++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

type LineChange = { type: 'same' | 'added' | 'removed'; text: string };

/** A line diff of two texts, for showing "theirs" against "yours". */
export function diffLines(before: string, after: string): LineChange[] {
  const a = toLines(before);
  const b = toLines(after);
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...matchLines(a, b), [a.length, b.length] as [number, number]]) {
    while (i < pi) out.push({ type: 'removed', text: a[i++] as string });
    while (j < pj) out.push({ type: 'added', text: b[j++] as string });
    if (pi < a.length) out.push({ type: 'same', text: a[pi] as string });
    i = pi + 1;
    j = pj + 1;
  }
  return out;
}

interface MergeResult {
  text: string;
  conflicts: number;
}

/**
 * Three-way merge of lines (diff3): changes made on only one side since `base` are taken,
 * changes both sides made identically are taken once, and overlapping different changes are
 * kept both, between conflict markers, for the editor to settle by hand.
 */
export function mergeText(base: string, yours: string, theirs: string, theirsLabel: string): MergeResult {
  const o = toLines(base);
  const a = toLines(yours);
  const b = toLines(theirs);
  const inA = new Map(matchLines(o, a));
  const inB = new Map(matchLines(o, b));
  const out: string[] = [];
  let conflicts = 0;
  let io = 0;
  let ia = 0;
  let ib = 0;
  const emit = (o1: number, a1: number, b1: number) => {
    const chunkO = o.slice(io, o1);
    const chunkA = a.slice(ia, a1);
    const chunkB = b.slice(ib, b1);
    if (sameValue(chunkA, chunkO)) out.push(...chunkB);
    else if (sameValue(chunkB, chunkO) || sameValue(chunkA, chunkB)) out.push(...chunkA);
    else {
      conflicts++;
      out.push('<<<<<<< your version', ...chunkA, '=======', ...chunkB, `>>>>>>> ${theirsLabel}`);
    }
  };
  for (let k = 0; k < o.length; k++) {
    const ja = inA.get(k);
    const jb = inB.get(k);
    // A base line kept by both sides, after everything pending on each side: a stable point.
    if (ja === undefined || jb === undefined || ja < ia || jb < ib) continue;
    emit(k, ja, jb);
    out.push(o[k] as string);
    io = k + 1;
    ia = ja + 1;
    ib = jb + 1;
  }
  emit(o.length, a.length, b.length);
  return { text: out.join('\n'), conflicts };
}
