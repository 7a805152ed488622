import { renderMarkdown, renderSection } from '@kb/markdown';
import { useMemo } from 'react';

/**
 * Renders Markdown through the one shared renderer (reader and editor preview alike). The
 * renderer passes no raw HTML and only safe link schemes, so its output is safe to insert; this
 * is the only place in the app that inserts HTML.
 */
export function Markdown({
  source,
  whole = false,
  className = 'prose',
}: {
  source: string;
  whole?: boolean;
  className?: string;
}) {
  const html = useMemo(() => (whole ? renderMarkdown(source) : renderSection(source)), [source, whole]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: output of the sanitizing renderer (no raw HTML, safe links only)
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
