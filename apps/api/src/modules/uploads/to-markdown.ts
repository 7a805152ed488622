/** A piece of an imported document: a heading (plain text) or a paragraph (Markdown). */
export type Block = { type: 'heading'; level: number; text: string } | { type: 'paragraph'; text: string };

/** Escapes text so Markdown shows it as typed (emphasis marks, links, a leading "#", "1.", "-", ">"). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/^(\s*)([#>+-])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s)/, '$1\\$2');
}

/**
 * The draft's title and Markdown body. The title is the explicit one, else a leading heading,
 * else the file name. The remaining headings are shifted so the top level is "##", as in the
 * advisories written in the editor (each becomes a section).
 */
export function blocksToDraft(
  blocks: Block[],
  options: { title?: string | null; fallbackTitle: string },
): { title: string; body: string } {
  const rest = [...blocks];
  let title = options.title?.trim() || '';
  if (!title && rest[0]?.type === 'heading') title = (rest.shift() as { text: string }).text;
  if (!title) title = options.fallbackTitle;
  const levels = rest.filter((b) => b.type === 'heading').map((b) => (b as { level: number }).level);
  const shift = levels.length > 0 ? 2 - Math.min(...levels) : 0;
  const body = rest
    .map((block) =>
      block.type === 'heading'
        ? `${'#'.repeat(Math.min(6, Math.max(1, block.level + shift)))} ${escapeMarkdown(block.text)}`
        : block.text,
    )
    .filter((text) => text.trim())
    .join('\n\n');
  return { title: title.replace(/\s+/g, ' ').slice(0, 500), body: body ? `${body}\n` : '' };
}
