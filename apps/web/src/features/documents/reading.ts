import type { Section } from '@kb/contracts';

/** Pure helpers of the reader: footnotes across sections, treatise chapters, heading levels. */

export interface ReadableSection extends Section {
  /** The section's Markdown with the definitions of the footnotes it references appended. */
  source: string;
}

const FOOTNOTE_DEFINITION = /^\[\^([^\]\s]+)\]:[ \t]?/;
const FOOTNOTE_REFERENCE = /\[\^([^\]\s]+)\](?!:)/g;
const FENCE = /^[ \t]{0,3}(```|~~~)/;

/**
 * Sections are rendered one by one (each under its own anchored heading), but a footnote's
 * definition usually sits at the end of the document, far from its reference. This moves
 * every definition next to the sections that reference it, so each section renders its
 * footnotes at its end.
 */
export function withFootnotes(sections: Section[]): ReadableSection[] {
  const definitions = new Map<string, string[]>();
  const bodies = sections.map((section) => {
    const kept: string[] = [];
    let current: string[] | null = null;
    let fence = false;
    for (const line of section.body.split('\n')) {
      if (FENCE.test(line)) fence = !fence;
      const label = fence ? undefined : FOOTNOTE_DEFINITION.exec(line)?.[1];
      if (label) {
        current = [line];
        definitions.set(label, current);
      } else if (current && (/^( {4}|\t)/.test(line) || line.trim() === '')) {
        // A definition continues on indented lines (and the blank lines between them).
        current.push(line);
      } else {
        current = null;
        kept.push(line);
      }
    }
    return kept.join('\n').trimEnd();
  });
  return sections.map((section, i) => {
    const body = bodies[i] ?? '';
    const used = new Set([...body.matchAll(FOOTNOTE_REFERENCE)].map((m) => m[1] ?? ''));
    const notes = [...used].flatMap((label) => {
      const lines = definitions.get(label);
      return lines ? [lines.join('\n').trimEnd()] : [];
    });
    return { ...section, source: notes.length > 0 ? `${body}\n\n${notes.join('\n\n')}\n` : body };
  });
}

export interface Chapter {
  /** Anchor of the chapter heading, or of the introduction for text before chapter 1. */
  anchor: string;
  title: string;
  /** 1, 2… for chapters; null for the text before the first chapter. */
  number: number | null;
  sections: ReadableSection[];
}

/** A treatise's chapters: each level-1 heading with what follows it; text before the first is its own part. */
export function chaptersOf(sections: ReadableSection[]): Chapter[] {
  const chapters: Chapter[] = [];
  let number = 0;
  for (const section of sections) {
    const last = chapters.at(-1);
    if (section.level === 1 || !last) {
      const isChapter = section.level === 1;
      if (isChapter) number += 1;
      chapters.push({
        anchor: section.anchor,
        title: isChapter ? section.heading : 'Introduction',
        number: isChapter ? number : null,
        sections: [section],
      });
    } else last.sections.push(section);
  }
  return chapters;
}

/** True when the document reads best one chapter at a time. */
export function isChaptered(kind: string, sections: Section[]): boolean {
  return kind === 'treatise' && sections.filter((s) => s.level === 1).length >= 2;
}

/** The page title is the h1, so section headings start at h2 and keep their relative depth. */
export function headingTag(level: number, topLevel: number): 'h2' | 'h3' | 'h4' | 'h5' {
  const depth = Math.max(0, level - topLevel);
  return (['h2', 'h3', 'h4', 'h5'] as const)[Math.min(depth, 3)] ?? 'h5';
}

export function topHeadingLevel(sections: Section[]): number {
  const levels = sections.map((s) => s.level).filter((l) => l > 0);
  return levels.length > 0 ? Math.min(...levels) : 2;
}

/** The anchor in a location hash ("#a%20b" → "a b"), or null. */
export function hashAnchor(hash: string): string | null {
  if (!hash || hash === '#') return null;
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}

/** Search page URL filtered by one facet value (the search page reads these params). */
export function searchUrl(param: 'offenseType' | 'consequence' | 'jurisdiction' | 'kind' | 'publisher', value: string) {
  return `/?${new URLSearchParams({ [param]: value }).toString()}`;
}

/** "Chapter 2 of 6", or "Introduction" for the text before the first chapter. */
export function chapterPosition(chapter: Chapter, chapters: Chapter[]): string {
  const total = chapters.filter((c) => c.number !== null).length;
  return chapter.number === null ? 'Introduction' : `Chapter ${chapter.number} of ${total}`;
}

/** Where a reader's comparison lives: `from`/`to` revision ids, or `since` (when a bookmark was saved). */
export function changesUrl(
  slug: string,
  options: { from?: string | null; since?: string | null; anchor?: string | null } = {},
): string {
  const query = new URLSearchParams();
  if (options.from) query.set('from', options.from);
  else if (options.since) query.set('since', options.since);
  const search = query.size > 0 ? `?${query}` : '';
  return `/documents/${slug}/changes${search}${options.anchor ? `#${options.anchor}` : ''}`;
}
