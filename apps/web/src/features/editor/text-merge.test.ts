import { describe, expect, it } from 'vitest';
import { diffLines, matchLines, mergeText } from './text-merge';

const text = (...lines: string[]) => lines.join('\n');

describe('three-way merge of a conflicting save', () => {
  const base = text('# A', 'one', 'two', 'three', '# B', 'four');

  it('takes changes made on only one side from each side', () => {
    const yours = text('# A', 'one', 'two (mine)', 'three', '# B', 'four');
    const theirs = text('# A', 'one', 'two', 'three', '# B', 'four', 'five (theirs)');
    expect(mergeText(base, yours, theirs, 'theirs')).toEqual({
      text: text('# A', 'one', 'two (mine)', 'three', '# B', 'four', 'five (theirs)'),
      conflicts: 0,
    });
  });

  it('takes an identical change once', () => {
    const same = text('# A', 'one', 'TWO', 'three', '# B', 'four');
    expect(mergeText(base, same, same, 'theirs')).toEqual({ text: same, conflicts: 0 });
  });

  it('keeps both sides of an overlapping change between markers', () => {
    const yours = text('# A', 'one', 'two, my way', 'three', '# B', 'four');
    const theirs = text('# A', 'one', 'two, their way', 'three', '# B', 'four');
    const merged = mergeText(base, yours, theirs, 'revision 3 by Sam');
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toBe(
      text(
        '# A',
        'one',
        '<<<<<<< your version',
        'two, my way',
        '=======',
        'two, their way',
        '>>>>>>> revision 3 by Sam',
        'three',
        '# B',
        'four',
      ),
    );
  });

  it('never drops a line of either side', () => {
    const yours = text('new first line', '# A', 'one', 'three', '# B', 'four');
    const theirs = text('# A', 'one', 'two', 'three', 'inserted', '# B');
    const merged = mergeText(base, yours, theirs, 'theirs').text;
    for (const line of ['new first line', 'inserted']) expect(merged).toContain(line);
    expect(merged).not.toMatch(/^two$/m); // deleted by me, untouched by them
    expect(merged).not.toMatch(/^four$/m); // deleted by them, untouched by me
  });
});

describe('line diff', () => {
  it('marks removed and added lines around the common ones', () => {
    expect(diffLines(text('a', 'b', 'c'), text('a', 'x', 'c', 'd'))).toEqual([
      { type: 'same', text: 'a' },
      { type: 'removed', text: 'b' },
      { type: 'added', text: 'x' },
      { type: 'same', text: 'c' },
      { type: 'added', text: 'd' },
    ]);
  });

  it('stays within bounds on long unrelated texts', () => {
    const a = Array.from({ length: 5_000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 5_000 }, (_, i) => `b${i}`);
    const started = Date.now();
    expect(matchLines(a, b)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
