import { extractTextItems, getDocumentProxy, type StructuredTextItem } from 'unpdf';
import { unreadable } from './detect';
import { type Block, escapeMarkdown } from './to-markdown';

interface Line {
  text: string;
  size: number;
  y: number;
  page: number;
}

/** Most pages read from one upload: a 20 MB PDF can hold tens of thousands of pages. */
const MAX_PAGES = 2_000;

/** Text lines of a PDF, each with its font size and position; refuses encrypted and broken files. */
async function readLines(buffer: Buffer): Promise<Line[]> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(buffer), { verbosity: 0 });
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'PasswordException') {
      throw unreadable(
        'This PDF is encrypted with a password. Remove the password (print or save it unprotected) and upload it again.',
      );
    }
    throw unreadable('This PDF is damaged or not a valid PDF file and cannot be read.');
  }
  try {
    if (pdf.numPages > MAX_PAGES) {
      throw unreadable(`This PDF has ${pdf.numPages} pages; the importer reads at most ${MAX_PAGES}. Split it first.`);
    }
    const { items } = await extractTextItems(pdf).catch(() => {
      throw unreadable('The text of this PDF could not be read: the file looks damaged.');
    });
    const lines: Line[] = [];
    items.forEach((pageItems, page) => {
      let current: StructuredTextItem[] = [];
      const flush = () => {
        const text = current
          .map((i) => i.str)
          .join('')
          .replace(/\s+/g, ' ')
          .trim();
        if (text) {
          const size = Math.max(...current.filter((i) => i.str.trim()).map((i) => i.fontSize));
          lines.push({ text, size, y: current[0]?.y ?? 0, page });
        }
        current = [];
      };
      for (const item of pageItems) {
        // A new baseline starts a new line.
        if (current.length > 0 && Math.abs((current[current.length - 1]?.y ?? 0) - item.y) > 2) flush();
        current.push(item);
        if (item.hasEOL) flush();
      }
      flush();
    });
    return lines;
  } finally {
    await pdf.loadingTask.destroy().catch(() => {});
  }
}

/** The font size most of the text is set in: the body text. */
function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * Turns a PDF into blocks. PDFs carry no heading structure, so headings are recognized by
 * font size: short lines set noticeably larger than the body text, ranked by size into levels.
 * Lines of one paragraph are joined (with words hyphenated across lines put back together);
 * a larger vertical gap or a page break starts a new paragraph. Bare page numbers are dropped.
 */
export async function pdfToBlocks(buffer: Buffer): Promise<{ blocks: Block[]; warnings: string[] }> {
  const lines = (await readLines(buffer)).filter((l) => !/^(page )?\d{1,4}( of \d{1,4})?$/i.test(l.text));
  const letters = lines.reduce((n, l) => n + l.text.replace(/[^\p{L}\p{N}]/gu, '').length, 0);
  if (letters < 20) {
    throw unreadable(
      'This PDF has no text layer — it looks like a scanned image. Run it through OCR (for example "Save as searchable PDF") and upload it again.',
    );
  }
  const body = bodySize(lines);
  const isHeading = (l: Line) => l.size >= body * 1.15 && l.text.length <= 160;
  const headingSizes = [...new Set(lines.filter(isHeading).map((l) => Math.round(l.size * 2) / 2))].sort(
    (a, b) => b - a,
  );
  const levelOf = (size: number) => Math.min(headingSizes.indexOf(Math.round(size * 2) / 2) + 1, 3);

  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let previous: Line | undefined;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', text: escapeMarkdown(paragraph.join(' ')) });
    paragraph = [];
  };
  for (const line of lines) {
    if (isHeading(line)) {
      flush();
      const last = blocks[blocks.length - 1];
      // A heading wrapped over two lines in the same size is one heading.
      if (
        last?.type === 'heading' &&
        previous &&
        isHeading(previous) &&
        previous.page === line.page &&
        previous.size === line.size
      ) {
        last.text = `${last.text} ${line.text}`;
      } else {
        blocks.push({ type: 'heading', level: levelOf(line.size), text: line.text });
      }
    } else {
      const gap = previous && previous.page === line.page ? previous.y - line.y : Number.POSITIVE_INFINITY;
      if (paragraph.length > 0 && (gap > line.size * 1.9 || previous?.page !== line.page)) flush();
      const last = paragraph[paragraph.length - 1];
      if (last && /[a-z]-$/.test(last) && /^[a-z]/.test(line.text)) {
        paragraph[paragraph.length - 1] = last.slice(0, -1) + line.text;
      } else {
        paragraph.push(line.text);
      }
    }
    previous = line;
  }
  flush();
  const warnings = [
    headingSizes.length > 0
      ? 'Headings were recognized by font size: check the section structure before publishing.'
      : 'No headings were recognized (the PDF uses one font size): add headings to split the document into sections.',
  ];
  return { blocks, warnings };
}
