import type { DiffLine, RevisionDiff, RevisionListItem } from '@kb/contracts';
import { describe, expect, it } from 'vitest';
import { notesBetween, pickRevisions, publishedRevisions, sectionsWithLines } from './changes';

const same = (text: string, oldNumber: number, newNumber: number): DiffLine => ({
  type: 'same',
  text,
  oldNumber,
  newNumber,
});
const added = (text: string, newNumber: number): DiffLine => ({ type: 'added', text, oldNumber: null, newNumber });
const removed = (text: string, oldNumber: number): DiffLine => ({ type: 'removed', text, oldNumber, newNumber: null });

const info = { baseRevisionId: null, authorId: null, authorName: null, createdAt: '2025-01-01T00:00:00Z', note: '' };

describe('sectionsWithLines', () => {
  // Before: intro, "Bond" (changed), "Old rule" (removed). After: intro, "Bond", "New rule" (added).
  const before = ['Intro.', '## Bond', 'Bond is available.', '## Old rule', 'Gone.'].join('\n');
  const after = ['Intro.', '## Bond', 'No bond under § 235(b)(2)(A).', '## New rule', 'Yajure Hurtado.'].join('\n');
  const diff: RevisionDiff = {
    from: { ...info, id: 'a', number: 1 },
    to: { ...info, id: 'b', number: 2 },
    fields: [],
    sections: [
      { anchor: 'introduction', heading: 'Introduction', change: 'same', added: 0, removed: 0 },
      { anchor: 'bond', heading: 'Bond', change: 'changed', added: 1, removed: 1 },
      { anchor: 'new-rule', heading: 'New rule', change: 'added', added: 1, removed: 0 },
      { anchor: 'old-rule', heading: 'Old rule', change: 'removed', added: 0, removed: 1 },
    ],
    body: {
      added: 4,
      removed: 3,
      hunks: [
        {
          oldStart: 1,
          newStart: 1,
          lines: [
            same('Intro.', 1, 1),
            same('## Bond', 2, 2),
            removed('Bond is available.', 3),
            removed('## Old rule', 4),
            removed('Gone.', 5),
            added('No bond under § 235(b)(2)(A).', 3),
            added('## New rule', 4),
            added('Yajure Hurtado.', 5),
          ],
        },
      ],
    },
  };

  it('puts each changed line in its section, removed lines in their older section', () => {
    const sections = sectionsWithLines(diff, before, after);
    const byAnchor = Object.fromEntries(sections.map((s) => [s.anchor, s.runs.flat().map((l) => l.text)]));
    expect(byAnchor.introduction).toEqual([]); // context alone is not a change
    expect(byAnchor.bond).toEqual(['## Bond', 'Bond is available.', 'No bond under § 235(b)(2)(A).']);
    expect(byAnchor['old-rule']).toEqual(['## Old rule', 'Gone.']);
    // The added line of "Bond" follows the removed ones of "Old rule" in the hunk: a run of its own.
    expect(sections.find((s) => s.anchor === 'bond')?.runs.length).toBe(2);
    expect(byAnchor['new-rule']).toEqual(['## New rule', 'Yajure Hurtado.']);
    expect(sections.map((s) => s.anchor)).toEqual(['introduction', 'bond', 'new-rule', 'old-rule']);
  });
});

const revision = (number: number, publishedAt: string | null, note = ''): RevisionListItem => ({
  ...info,
  id: `r${number}`,
  number,
  note,
  title: 'T',
  isHead: false,
  isPublished: false,
  publishedAt,
  createdAt: publishedAt ?? '2025-06-01T00:00:00Z',
});

describe('choosing what to compare', () => {
  // Newest first, as the API lists them; revision 3 is a draft an editor sees.
  const all = [
    revision(4, '2026-03-01T00:00:00Z', 'Yajure Hurtado'),
    revision(3, null, 'draft'),
    revision(2, '2025-09-01T00:00:00Z', 'Typo'),
    revision(1, '2024-01-01T00:00:00Z'),
  ];
  const published = publishedRevisions(all);

  it('never offers a draft', () => {
    expect(published.map((r) => r.number)).toEqual([4, 2, 1]);
  });

  it('compares the latest with the one before by default, or with the one current when a bookmark was saved', () => {
    const pick = (asked: Parameters<typeof pickRevisions>[1]) => {
      const { from, to } = pickRevisions(published, asked);
      return [from?.number, to?.number];
    };
    expect(pick({})).toEqual([2, 4]);
    expect(pick({ since: '2025-01-15T00:00:00Z' })).toEqual([1, 4]);
    expect(pick({ from: 'r1', to: 'r2' })).toEqual([1, 2]);
    expect(pick({ from: 'r3' })).toEqual([2, 4]); // a draft is not comparable: the default
  });

  it('lists the notes of the revisions in between, oldest first', () => {
    const [r4, r2, r1] = published as [RevisionListItem, RevisionListItem, RevisionListItem];
    expect(notesBetween(published, r1, r4).map((r) => r.note)).toEqual(['Typo', 'Yajure Hurtado']);
    expect(notesBetween(published, r2, r4).map((r) => r.number)).toEqual([4]);
  });
});
