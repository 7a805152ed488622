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
  heading,
  className = 'prose',
}: {
  source: string;
  whole?: boolean;
  /** The heading shown above a section rendered alone: it names a table that opens the section. */
  heading?: string;
  className?: string;
}) {
  const html = useMemo(
    () => (whole ? renderMarkdown(source) : renderSection(source, heading)),
    [source, whole, heading],
  );
  // biome-ignore lint/security/noDangerouslySetInnerHtml: output of the sanitizing renderer (no raw HTML, safe links only)
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
