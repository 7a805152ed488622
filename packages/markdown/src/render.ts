import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
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
    const allocate = (state.env as RenderEnv).allocate;
    if (!allocate) return;
    state.tokens.forEach((token, i) => {
      if (token.type !== 'heading_open' || !['h1', 'h2', 'h3'].includes(token.tag)) return;
      const inline = state.tokens[i + 1];
      token.attrSet('id', allocate(plainHeading(inline?.content ?? '')));
    });
  });
  tableSemantics(md);
  return md;
}

const TABLE_CAPTION = /^Table:\s*/;

/**
 * Tables for screen readers and phones. A table gets a caption: the paragraph right before it
 * when that starts with "Table:" (the Pandoc convention; shown), else the heading right before it
 * (or, opening a section rendered alone, the section's heading; hidden: the heading is on screen
 * already). Header cells get `scope="col"`. The table sits in a region that scrolls sideways on a
 * narrow screen, named by the caption and reachable by keyboard.
 */
function tableSemantics(md: MarkdownIt): void {
  /** The caption's HTML is rendered from `inline` (Markdown) or else escaped from `label`. */
  type Caption = { label: string; inline: Token | null; shown: boolean };
  md.core.ruler.push('table_semantics', (state) => {
    const tokens = state.tokens;
    const sectionHeading = (state.env as RenderEnv).sectionHeading;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.type === 'th_open') token.attrSet('scope', 'col');
      if (token.type !== 'table_open') continue;
      const [open, inline, close] = [tokens[i - 3], tokens[i - 2], tokens[i - 1]];
      const follows = (type: string) => open?.type === `${type}_open` && close?.type === `${type}_close`;
      if (follows('paragraph') && inline?.type === 'inline' && TABLE_CAPTION.test(inline.content)) {
        const first = inline.children?.[0];
        if (first?.type === 'text') first.content = first.content.replace(TABLE_CAPTION, '');
        inline.content = inline.content.replace(TABLE_CAPTION, '');
        token.meta = { label: plainHeading(inline.content), inline, shown: true } satisfies Caption;
        tokens.splice(i - 3, 3);
        i -= 3;
      } else if (follows('heading') && inline?.type === 'inline') {
        token.meta = { label: plainHeading(inline.content), inline, shown: false } satisfies Caption;
      } else if (i === 0 && sectionHeading) {
        token.meta = { label: sectionHeading, inline: null, shown: false } satisfies Caption;
      }
    }
  });
  md.renderer.rules.table_open = (tokens, idx, options, env, self) => {
    const caption = tokens[idx]?.meta as Caption | null;
    if (!caption) return '<div class="table-scroll" role="region" aria-label="Table" tabindex="0"><table>\n';
    const label = md.utils.escapeHtml(caption.label);
    const html = caption.inline ? self.renderInline(caption.inline.children ?? [], options, env) : label;
    const hidden = caption.shown ? '' : ' class="visually-hidden"';
    return `<div class="table-scroll" role="region" aria-label="${label}" tabindex="0"><table>\n<caption${hidden}>${html}</caption>\n`;
  };
  md.renderer.rules.table_close = () => '</table></div>\n';
}

interface RenderEnv {
  allocate?: (heading: string) => string;
  /** The heading of the section being rendered alone (it is not in its Markdown). */
  sectionHeading?: string;
}

const renderer = createRenderer();

/** Renders a whole Markdown body; headings get the same anchors as splitSections gives. */
export function renderMarkdown(markdown: string): string {
  return renderer.render(markdown, { allocate: anchorAllocator() });
}

/**
 * Renders one section's body (headings inside it are not re-anchored); `heading`, the section's
 * own heading shown above it, names a table that opens the section.
 */
export function renderSection(markdown: string, heading?: string): string {
  return renderer.render(markdown, { sectionHeading: heading } satisfies RenderEnv);
}
