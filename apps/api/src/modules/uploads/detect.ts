import type { ImportFormat } from '@kb/contracts';
import { AppError } from '../../lib/errors';

export const unsupported = (message: string) => new AppError(415, 'unsupported_media_type', message);
export const unreadable = (message: string) => new AppError(422, 'unprocessable_file', message);

const SUPPORTED = 'Upload a Markdown (.md), PDF or Word (.docx) file.';

/** Most an upload may expand to when unzipped (a DOCX is a ZIP): refuses "zip bombs". */
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

const startsWith = (buffer: Buffer, bytes: number[]) => bytes.every((b, i) => buffer[i] === b);

/**
 * What the file is, judged by its content (never by its name or the browser's content type):
 * `%PDF-` → PDF; a ZIP holding word/document.xml → DOCX; valid UTF-8 text → Markdown.
 */
export function detectFormat(buffer: Buffer): ImportFormat {
  if (buffer.length === 0) throw unreadable('The file is empty.');
  // %PDF- may follow a few bytes of junk; readers accept it within the first KiB.
  if (buffer.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) {
    const entries = zipEntries(buffer);
    if (!entries.some((e) => e.name === 'word/document.xml')) {
      throw unsupported(`This is a ZIP archive, not a Word document. ${SUPPORTED}`);
    }
    const unzipped = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (unzipped > MAX_UNZIPPED_BYTES) {
      throw unreadable('This Word document expands to more than 200 MB when unpacked; it cannot be imported.');
    }
    return 'docx';
  }
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // The OLE container: legacy .doc files and password-protected .docx files both use it.
    throw unreadable(
      'This is a password-protected Office file or an old Word (.doc) document. Remove the password or save it as .docx, then upload it again.',
    );
  }
  if (isText(buffer)) return 'markdown';
  throw unsupported(`This file type is not supported. ${SUPPORTED}`);
}

function isText(buffer: Buffer): boolean {
  if (buffer.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}

interface ZipEntry {
  name: string;
  uncompressedSize: number;
}

/** The entries of a ZIP's central directory; a truncated or damaged archive is refused. */
export function zipEntries(buffer: Buffer): ZipEntry[] {
  const corrupt = () =>
    unreadable('The Word document is damaged (its ZIP structure is incomplete) and cannot be read.');
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  const from = Math.max(0, buffer.length - 65_557);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= from; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw corrupt();
    const uncompressedSize = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const name = buffer.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    entries.push({ name, uncompressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The uploaded file's name as something safe to show and store: no directories (a name like
 * "../../etc/passwd" or "C:\\x\\y.pdf" keeps only its last part), no control characters,
 * bounded length. It is never used as a path.
 */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return clean || 'upload';
}

/** A human title from a file name: "pc-273.5_advisory-v2.pdf" → "pc 273.5 advisory v2". */
export function titleFromFileName(name: string): string {
  return (
    name
      .replace(/\.(md|markdown|txt|pdf|docx)$/i, '')
      .replace(/[_-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Imported document'
  );
}
