import mammoth from 'mammoth';
import { unreadable } from './detect';
import type { Block } from './to-markdown';

const STYLE_MAP = ["p[style-name='Title'] => h1.title:fresh", "p[style-name='Subtitle'] => p:fresh"];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1]?.toLowerCase() === 'x' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
const escapeInline = (text: string) => text.replace(/([\\`*_[\]])/g, '\\$1');
const escapeLineStart = (text: string) =>
  text.replace(/^([#>+-])(?=\s|$)/, '\\$1').replace(/^(\d+)([.)])(?=\s)/, '$1\\$2');
const attribute = (attrs: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;

/**
 * Converts the HTML mammoth makes of a DOCX (a small, well-formed subset: headings, paragraphs,
 * lists, tables, emphasis, links) into blocks of Markdown. Raw HTML never reaches the draft.
 */
export function htmlToBlocks(html: string): { blocks: Block[]; title: string | null } {
  const blocks: Block[] = [];
  let title: string | null = null;
  let inline = '';
  let heading: { level: number; isTitle: boolean } | null = null;
  const lists: Array<{ ordered: boolean; count: number; written: boolean }> = [];
  const marker = (list: { ordered: boolean; count: number }, depth: number) =>
    `${'   '.repeat(depth)}${list.ordered ? `${list.count}.` : '-'} `;
  let listLines: string[] = [];
  let table: string[][] | null = null;
  let row: string[] | null = null;
  const links: Array<string | null> = [];

  const takeInline = () => {
    const text = inline.replace(/[ \t]+/g, ' ').trim();
    inline = '';
    return text;
  };
  const pushParagraph = () => {
    const text = takeInline();
    if (text) blocks.push({ type: 'paragraph', text: escapeLineStart(text) });
  };

  for (const m of html.matchAll(/<(\/?)([a-zA-Z0-9]+)([^>]*)>|([^<]+)/g)) {
    const [, closing, rawTag, attrs = '', text] = m;
    if (text !== undefined) {
      inline += escapeInline(decode(text));
      continue;
    }
    const tag = (rawTag ?? '').toLowerCase();
    const inCell = row !== null;
    const inList = lists.length > 0;
    if (/^h[1-6]$/.test(tag)) {
      if (!closing) {
        if (!inList && !inCell) pushParagraph();
        heading = { level: Number(tag[1]), isTitle: /class="[^"]*\btitle\b/.test(attrs) };
      } else if (heading) {
        const plain = takeInline()
          .replace(/\\([\\`*_[\]])/g, '$1')
          .replace(/\*\*|\*/g, '');
        if (heading.isTitle && !title) title = plain;
        else if (plain) blocks.push({ type: 'heading', level: heading.level, text: plain });
        heading = null;
      }
    } else if (tag === 'p') {
      if (inList || inCell) {
        if (closing) inline += ' ';
      } else if (closing) pushParagraph();
      else pushParagraph();
    } else if (tag === 'ul' || tag === 'ol') {
      if (!closing) {
        if (lists.length === 0) pushParagraph();
        else if (inline.trim()) {
          // A nested list starts inside an item: the item's own text comes first.
          const parent = lists[lists.length - 1] as { ordered: boolean; count: number; written: boolean };
          listLines.push(marker(parent, lists.length - 1) + takeInline());
          parent.written = true;
        }
        lists.push({ ordered: tag === 'ol', count: 0, written: false });
      } else {
        lists.pop();
        if (lists.length === 0 && listLines.length > 0) {
          blocks.push({ type: 'paragraph', text: listLines.join('\n') });
          listLines = [];
        }
      }
    } else if (tag === 'li') {
      const list = lists[lists.length - 1];
      if (!list) continue;
      if (!closing) {
        list.count += 1;
        list.written = false;
        inline = '';
      } else {
        const text = takeInline();
        if (!list.written && text) listLines.push(marker(list, lists.length - 1) + text);
        list.written = false;
      }
    } else if (tag === 'table') {
      if (!closing) {
        pushParagraph();
        table = [];
      } else if (table) {
        const [head, ...body] = table.filter((r) => r.length > 0);
        if (head) {
          const width = Math.max(head.length, ...body.map((r) => r.length));
          const cells = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ')} |`;
          const lines = [cells(head), `|${' --- |'.repeat(width)}`, ...body.map(cells)];
          blocks.push({ type: 'paragraph', text: lines.join('\n') });
        }
        table = null;
      }
    } else if (tag === 'tr') {
      if (!closing) row = [];
      else if (row && table) {
        table.push(row);
        row = null;
      }
    } else if (tag === 'td' || tag === 'th') {
      if (!closing) inline = '';
      else row?.push(takeInline().replace(/\|/g, '\\|'));
    } else if (tag === 'strong' || tag === 'b') {
      inline += '**';
    } else if (tag === 'em' || tag === 'i') {
      inline += '*';
    } else if (tag === 'a') {
      if (!closing) {
        const href = attribute(attrs, 'href');
        const safe = href && /^(https?:|mailto:)/i.test(href) ? href : null;
        links.push(safe);
        if (safe) inline += '[';
      } else {
        const href = links.pop();
        if (href)
          inline += `](${href.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
      }
    } else if (tag === 'br') {
      inline += ' ';
    }
    // Anything else (img, sup, sub, span…) contributes only its text.
  }
  pushParagraph();
  // Emphasis markers left empty by formatting on whitespace ("** **") are noise.
  for (const block of blocks) if (block.type === 'paragraph') block.text = block.text.replace(/\*\*\s*\*\*/g, ' ');
  return { blocks, title };
}

export async function docxToBlocks(
  buffer: Buffer,
): Promise<{ blocks: Block[]; title: string | null; warnings: string[] }> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: STYLE_MAP,
        // Images are not imported; not reading them keeps memory bounded.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch {
    throw unreadable('This Word document is damaged or not a valid .docx file and cannot be read.');
  }
  const { blocks, title } = htmlToBlocks(html);
  if (blocks.length === 0 && !title) throw unreadable('This Word document contains no text.');
  const warnings = html.includes('<img')
    ? ['Images in the Word document were not imported; add them as links if they matter.']
    : [];
  if (!blocks.some((b) => b.type === 'heading')) {
    warnings.push('No headings were found (no Heading styles): add headings to split the document into sections.');
  }
  return { blocks, title, warnings };
}
