import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderSection, slugify, splitSections } from './index';

describe('splitSections', () => {
  it('splits at headings, keeps text before the first heading, and ignores code fences', () => {
    const sections = splitSections(
      'Intro text.\n\n## The statute\nBody A\n```\n## not a heading\n```\n## Safer pleas\nBody B',
    );
    expect(sections.map((s) => [s.anchor, s.heading, s.level])).toEqual([
      ['introduction', 'Introduction', 0],
      ['the-statute', 'The statute', 2],
      ['safer-pleas', 'Safer pleas', 2],
    ]);
    expect(sections[1]?.body).toContain('## not a heading');
    // Where each starts, so a line diff of the body can be told section by section.
    expect(sections.map((s) => s.startLine)).toEqual([1, 3, 8]);
  });

  it('gives repeated headings distinct anchors and records treatise chapters', () => {
    const sections = splitSections('# Chapter 1: Basics\n## Facts\na\n## Facts\nb\n# Chapter 2\n## Facts\nc');
    expect(sections.map((s) => s.anchor)).toEqual(['chapter-1-basics', 'facts', 'facts-2', 'chapter-2', 'facts-3']);
    expect(sections[4]?.chapterAnchor).toBe('chapter-2');
  });

  it('keeps anchors stable when other text changes', () => {
    const a = splitSections('## Bottom line\nold\n## Key authorities\nx');
    const b = splitSections('## Bottom line\nnew words here\n## Key authorities\ny');
    expect(a.map((s) => s.anchor)).toEqual(b.map((s) => s.anchor));
  });
});

describe('slugify', () => {
  it('makes readable anchors from legal headings', () => {
    expect(slugify('INA § 237(a)(2)(E): Domestic Violence')).toBe('ina-s-237-a-2-e-domestic-violence');
    expect(slugify('***')).toBe('section');
  });
});

describe('renderMarkdown', () => {
  it('renders tables, footnotes, block quotes and heading anchors', () => {
    const html = renderMarkdown(
      '## Bottom line\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: A note.',
    );
    expect(html).toContain('<h2 id="bottom-line">');
    expect(html).toContain('<table>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('footnote');
  });

  it('gives tables a caption, column header cells and a named region that scrolls (screen readers, phones)', () => {
    const afterHeading = renderMarkdown('## Consequences by plea\n\n| Plea | Risk |\n|---|---|\n| PC 32 | Low |');
    expect(afterHeading).toContain(
      '<div class="table-scroll" role="region" aria-label="Consequences by plea" tabindex="0">',
    );
    expect(afterHeading).toContain('<caption class="visually-hidden">Consequences by plea</caption>');
    expect(afterHeading).toContain('<th scope="col">Plea</th>');

    const named = renderSection('Some text.\n\nTable: Sentences & *risks*\n\n| Days | AF |\n|---|---|\n| 365 | Yes |');
    expect(named).toContain('<caption>Sentences &amp; <em>risks</em></caption>');
    expect(named).toContain('aria-label="Sentences &amp; risks"');
    expect(named).not.toContain('Table:');
    expect(named).toContain('<p>Some text.</p>');

    const opening = renderSection('| a |\n|---|\n| 1 |', 'Risks & pleas');
    expect(opening).toContain('<caption class="visually-hidden">Risks &amp; pleas</caption>');

    const bare = renderSection('| a |\n|---|\n| 1 |');
    expect(bare).not.toContain('<caption');
    expect(bare).toContain('<th scope="col">a</th>');
  });

  it('never lets script, event handlers, javascript: links or SVG through', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n\n<svg onload=alert(1)></svg>\n\n[ok](https://example.org)',
    );
    expect(html).not.toMatch(/<script|<img|<svg|href="javascript/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://example.org"');
  });
});
