import { renderSection, splitSections } from '@kb/markdown';
import { describe, expect, it } from 'vitest';
import { chapterPosition, chaptersOf, hashAnchor, headingTag, isChaptered, withFootnotes } from './reading';

const sectionsOf = (markdown: string) => splitSections(markdown).map(({ position: _, ...s }) => s);

describe('withFootnotes', () => {
  it('moves a footnote definition next to the section that references it', () => {
    const sections = withFootnotes(
      sectionsOf(
        '## Rule\nA rule.[^1]\n\n## Other\nNo notes.\n\n## Notes end\nText.\n\n[^1]: The source,\n    continued.',
      ),
    );
    const [rule, other, end] = sections;
    expect(rule?.source).toContain('[^1]: The source,\n    continued.');
    expect(other?.source).toBe('No notes.');
    expect(end?.source).toBe('Text.');
    // Rendered alone, the section now has its footnote.
    const html = renderSection(rule?.source ?? '');
    expect(html).toContain('class="footnote-ref"');
    expect(html).toContain('The source');
  });

  it('leaves footnote-like lines inside code fences alone', () => {
    const [section] = withFootnotes(sectionsOf('## Code\n```\n[^1]: not a footnote\n```'));
    expect(section?.source).toContain('[^1]: not a footnote');
  });
});

describe('treatise chapters', () => {
  const sections = withFootnotes(
    sectionsOf('Preface.\n\n# Chapter 1: Basics\n## 1.1 Facts\na\n# Chapter 2: More\n## 2.1 Facts\nb'),
  );

  it('groups sections under their level-1 chapter, with the text before chapter 1 as an introduction', () => {
    const chapters = chaptersOf(sections);
    expect(chapters.map((c) => [c.title, c.number, c.sections.map((s) => s.anchor)])).toEqual([
      ['Introduction', null, ['introduction']],
      ['Chapter 1: Basics', 1, ['chapter-1-basics', '1-1-facts']],
      ['Chapter 2: More', 2, ['chapter-2-more', '2-1-facts']],
    ]);
    expect(chapterPosition(chapters[2] as (typeof chapters)[number], chapters)).toBe('Chapter 2 of 2');
    expect(chapterPosition(chapters[0] as (typeof chapters)[number], chapters)).toBe('Introduction');
  });

  it('reads treatises with two or more chapters one chapter at a time, nothing else', () => {
    expect(isChaptered('treatise', sections)).toBe(true);
    expect(isChaptered('advisory', sections)).toBe(false);
    expect(isChaptered('treatise', sectionsOf('# Only one\n## a\nb'))).toBe(false);
  });
});

describe('helpers', () => {
  it('maps heading levels below the page title and decodes hashes', () => {
    expect(headingTag(1, 1)).toBe('h2');
    expect(headingTag(2, 1)).toBe('h3');
    expect(headingTag(2, 2)).toBe('h2');
    expect(headingTag(3, 1)).toBe('h4');
    expect(hashAnchor('#a%20b')).toBe('a b');
    expect(hashAnchor('#%E0%A4%A')).toBe('%E0%A4%A');
    expect(hashAnchor('')).toBeNull();
  });
});
