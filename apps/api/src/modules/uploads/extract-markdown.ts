import { parse as parseYaml } from 'yaml';

export interface MarkdownDraft {
  title: string | null;
  body: string;
  /** Metadata from a YAML front matter block, as written (checked by the caller). */
  meta: Record<string, unknown>;
  warnings: string[];
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

/**
 * A Markdown upload: an optional YAML front matter (the format of the demo advisories) and the
 * body. Without a front-matter title, a leading "# Title" line is the title.
 */
export function readMarkdown(text: string): MarkdownDraft {
  const warnings: string[] = [];
  let body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let meta: Record<string, unknown> = {};
  const front = FRONT_MATTER.exec(body);
  if (front) {
    try {
      const parsed = parseYaml(front[1] ?? '', { maxAliasCount: 10 });
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) meta = parsed as Record<string, unknown>;
    } catch {
      warnings.push('The front matter (between the --- lines) is not valid YAML and was ignored.');
    }
    body = body.slice(front[0].length);
  }
  let title = typeof meta.title === 'string' && meta.title.trim() ? meta.title.trim() : null;
  if (!title) {
    const first = /^\s*#[ \t]+(.+?)[ \t]*#*[ \t]*(?:\n|$)/.exec(body);
    if (first) {
      title = (first[1] ?? '').replace(/[*_`]/g, '').trim() || null;
      body = body.slice(first[0].length);
    }
  }
  return { title, body: `${body.trim()}\n`, meta, warnings };
}
