import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { anchorAllocator } from './anchors';
import { plainHeading } from './sections';

/**
 * The one Markdown renderer, used by the reader and by the editor's preview.
 * Raw HTML is never passed through (html: false): `<script>`, event handlers and SVG
 * payloads come out as text. Links are limited to safe schemes.
 */
function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.use(footnote as unknown as Parameters<MarkdownIt['use']>[0]);
  const SAFE_LINK = /^(https?:|mailto:|#|\/(?!\/))/i;
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token?.attrGet('href') ?? '';
    if (token && /^https?:/i.test(href)) {
      token.attrSet('rel', 'noopener noreferrer nofollow');
      token.attrSet('target', '_blank');
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  md.core.ruler.push('heading_anchors', (state) => {
    const allocate = (state.env as { allocate?: (h: string) => string }).allocate;
    if (!allocate) return;
    state.tokens.forEach((token, i) => {
      if (token.type !== 'heading_open' || !['h1', 'h2', 'h3'].includes(token.tag)) return;
      const inline = state.tokens[i + 1];
      token.attrSet('id', allocate(plainHeading(inline?.content ?? '')));
    });
  });
  return md;
}

const renderer = createRenderer();

/** Renders a whole Markdown body; headings get the same anchors as splitSections gives. */
export function renderMarkdown(markdown: string): string {
  return renderer.render(markdown, { allocate: anchorAllocator() });
}

/** Renders one section's body (headings inside it are not re-anchored). */
export function renderSection(markdown: string): string {
  return renderer.render(markdown, {});
}
