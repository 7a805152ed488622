import { anchorAllocator } from './anchors';

export interface Section {
  position: number;
  anchor: string;
  heading: string;
  /** 0 for text before the first heading, else the heading level (1–3). */
  level: number;
  /** Anchor of the enclosing level-1 heading (a treatise chapter), if any. */
  chapterAnchor: string | null;
  /** Markdown of the section, without its heading line. */
  body: string;
  /** 1-based line of the body where the section starts (its heading; 1 for the introduction). */
  startLine: number;
}

export const INTRODUCTION_ANCHOR = 'introduction';

const HEADING = /^(#{1,3})[ \t]+(.+?)[ \t]*#*[ \t]*$/;
const FENCE = /^[ \t]{0,3}(```|~~~)/;

/** Strips Markdown emphasis and links from a heading's text. */
export function plainHeading(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .trim();
}

/**
 * Splits a Markdown body into sections at headings of level 1 to 3 (outside code fences).
 * The same headings give the same anchors in every revision, which keeps bookmarks and
 * links pointing at the right place.
 */
export function splitSections(markdown: string): Section[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const allocate = anchorAllocator();
  const sections: Section[] = [];
  let current: Omit<Section, 'position'> = {
    anchor: INTRODUCTION_ANCHOR,
    heading: 'Introduction',
    level: 0,
    chapterAnchor: null,
    body: '',
    startLine: 1,
  };
  let buffer: string[] = [];
  let chapter: string | null = null;
  let fence: string | null = null;
  const flush = () => {
    const body = buffer.join('\n').trim();
    if (current.level > 0 || body) sections.push({ ...current, body, position: sections.length });
    buffer = [];
  };
  for (const [index, line] of lines.entries()) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      fence = fence === null ? marker : fence === marker ? null : fence;
    }
    const heading = fence === null ? HEADING.exec(line) : null;
    if (!heading) {
      buffer.push(line);
      continue;
    }
    flush();
    const level = (heading[1] ?? '#').length;
    const text = plainHeading(heading[2] ?? '');
    const anchor = allocate(text);
    if (level === 1) chapter = anchor;
    current = {
      anchor,
      heading: text,
      level,
      chapterAnchor: level === 1 ? null : chapter,
      body: '',
      startLine: index + 1,
    };
  }
  flush();
  return sections;
}
