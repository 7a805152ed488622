import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_MAX_BYTES } from '@kb/contracts';
import { auditLog, documentSections, revisions } from '@kb/db';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';
import { htmlToBlocks } from './extract-docx';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

let ctx: TestContext;
let editor: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  editor = await ctx.user('editor');
});
afterAll(() => ctx?.close());

/** A multipart/form-data body, built by hand so the test controls every byte. */
function multipart(parts: Array<{ name: string; value: string | Buffer; fileName?: string; type?: string }>) {
  const boundary = `----kbtest${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.fileName !== undefined ? `; filename="${part.fileName}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`;
    chunks.push(
      Buffer.from(head),
      Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(
  value: Buffer,
  fileName: string,
  options: { user?: TestUser | null; type?: string; extra?: Array<{ name: string; value: string }> } = {},
) {
  const body = multipart([
    ...(options.extra ?? []),
    { name: 'file', value, fileName, type: options.type ?? 'application/octet-stream' },
  ]);
  const user = options.user === undefined ? editor : options.user;
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/documents/import',
    headers: { ...body.headers, ...(user ? user.auth : {}) },
    payload: body.payload,
  });
  // biome-ignore lint/suspicious/noExplicitAny: assertions on JSON answers
  return { status: response.statusCode, body: response.json() as any };
}

async function sectionsOf(revisionId: string) {
  return ctx.db
    .select({ heading: documentSections.heading, level: documentSections.level, body: documentSections.body })
    .from(documentSections)
    .where(eq(documentSections.revisionId, revisionId))
    .orderBy(asc(documentSections.position));
}

describe('importing files as drafts', () => {
  it('imports Markdown with front matter: metadata, tags in the vocabulary, sections by headings', async () => {
    const res = await upload(fixture('advisory.md'), 'advisory.md', { type: 'text/markdown' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      format: 'markdown',
      title: 'Firearms Convictions and the Firearms Deportability Ground',
      sectionCount: 5,
    });
    expect(res.body.warnings.join(' ')).toContain('not-a-real-term');
    expect(res.body.warnings.join(' ')).toContain('mars');
    const editorView = (
      await ctx.app.inject({ method: 'GET', url: `/api/documents/${res.body.id}/editor`, headers: editor.auth })
    ).json();
    expect(editorView.status).toBe('draft');
    expect(editorView.head.note).toBe('Imported from advisory.md');
    expect(editorView.head.content).toMatchObject({
      kind: 'advisory',
      // Not the file's publisher: the importing editor's organization publishes it.
      publisher: 'Test Organization',
      jurisdictions: ['us-ca', 'cir-9'],
      audience: 'defense',
      documentDate: '2024-06-01',
      offenseTypes: ['firearms-weapons'],
      consequences: ['firearms-deportability'],
    });
    const sections = await sectionsOf(res.body.revisionId);
    expect(sections.map((s) => s.heading)).toEqual([
      'Introduction',
      'Bottom line',
      'The antique firearm exception',
      'Proving the exception',
      'Safer pleas',
    ]);
  });

  it('imports a PDF with headings recognized by font size', async () => {
    const res = await upload(fixture('advisory.pdf'), 'advisory.pdf', { type: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ format: 'pdf', title: 'Theft Offenses and the Petty Offense Exception' });
    const sections = await sectionsOf(res.body.revisionId);
    expect(sections.map((s) => [s.heading, s.level])).toEqual([
      ['Introduction', 0],
      ['Bottom line', 2],
      ['Safer pleas', 2],
      ['Sentence of a year or more', 3],
      ['Authorities', 2],
    ]);
    // Lines of one paragraph are joined back together.
    expect(sections[1]?.body).toBe(
      'A petit theft conviction is a crime involving moral turpitude, but a single offense with a maximum sentence of one year or less may qualify for the petty offense exception under INA 212(a)(2)(A)(ii)(II).',
    );
    expect(sections[4]?.body).toContain('Matter of Diaz-Lizarraga, 26 I&N Dec. 847 (BIA 2016)');
    expect(res.body.warnings.join(' ')).toMatch(/font size/);
  });

  it('imports a DOCX with Word heading styles, lists and tables, as Markdown', async () => {
    const res = await upload(fixture('advisory.docx'), 'advisory.docx');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ format: 'docx', title: 'Domestic Violence Convictions and Deportability' });
    const sections = await sectionsOf(res.body.revisionId);
    expect(sections.map((s) => [s.heading, s.level])).toEqual([
      ['Introduction', 0],
      ['Bottom line', 2],
      ['Protective orders', 2],
      ['Civil versus criminal findings', 3],
    ]);
    expect(sections[0]?.body).toBe('Sample content for testing the importer. **Not legal advice.**');
    expect(sections[1]?.body).toContain(
      '- Avoid a record that names a protected victim.\n- Consider a plea to an offense without the use of force.',
    );
    expect(sections[3]?.body).toContain('| Statute | Consequence |\n| --- | --- |\n| PC 273.5 | DV deportability |');
  });

  it('judges the type by content, not by name, and keeps only the base of the file name', async () => {
    const res = await upload(fixture('advisory.pdf'), '../../../etc/passwd.md', { type: 'text/markdown' });
    expect(res.status).toBe(201);
    expect(res.body.format).toBe('pdf');
    const [revision] = await ctx.db.select().from(revisions).where(eq(revisions.id, res.body.revisionId));
    expect(revision?.note).toBe('Imported from passwd.md');
    const [entry] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'document.import_file'), eq(auditLog.targetId, res.body.id)));
    expect(entry?.details).toMatchObject({ fileName: 'passwd.md', format: 'pdf' });

    const windows = await upload(Buffer.from('# Plain title\n\nText.\n'), 'C:\\Users\\x\\notes.pdf');
    expect(windows.body).toMatchObject({ format: 'markdown', title: 'Plain title' });
    const untitled = await upload(Buffer.from('Just text, no heading.\n'), 'pc-273.5_advisory.txt');
    expect(untitled.body.title).toBe('pc 273.5 advisory');
  });

  it('answers a clear 4xx for bad files and never creates a draft from them', async () => {
    const cases: Array<[string, Buffer, number, RegExp]> = [
      ['scanned.pdf', fixture('scanned.pdf'), 422, /no text layer.*OCR/],
      ['encrypted.pdf', fixture('encrypted.pdf'), 422, /encrypted with a password/],
      ['corrupt.pdf', fixture('corrupt.pdf'), 422, /damaged/],
      ['corrupt.docx', fixture('corrupt.docx'), 422, /damaged/],
      ['not-word.zip', fixture('not-word.zip'), 415, /not a Word document/],
      ['image.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 415, /not supported/],
      ['latin1.md', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), 415, /not supported/],
      [
        'legacy.doc',
        Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]),
        422,
        /password-protected|\.doc/,
      ],
      ['empty.md', Buffer.alloc(0), 422, /empty/],
    ];
    const before = await ctx.db.select({ id: revisions.id }).from(revisions);
    for (const [name, bytes, status, message] of cases) {
      const res = await upload(bytes, name);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error.message, name).toMatch(message);
    }
    const after = await ctx.db.select({ id: revisions.id }).from(revisions);
    expect(after.length).toBe(before.length);
  });

  it('refuses a file over 20 MB with 413', async () => {
    const big = Buffer.alloc(IMPORT_MAX_BYTES + 1024, 'a');
    const res = await upload(big, 'huge.md');
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/20 MB/) });
  });

  it('needs a multipart request with one file field, from an editor', async () => {
    const json = await ctx.app.inject({
      method: 'POST',
      url: '/api/documents/import',
      headers: editor.auth,
      payload: { body: '# hi' },
    });
    expect(json.statusCode).toBe(415);
    const noFile = multipart([{ name: 'kind', value: 'advisory' }]);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/documents/import',
      headers: { ...noFile.headers, ...editor.auth },
      payload: noFile.payload,
    });
    expect(res.statusCode).toBe(400);
    expect((await upload(fixture('advisory.md'), 'a.md', { extra: [{ name: 'kind', value: 'bogus' }] })).status).toBe(
      400,
    );
    const chart = await upload(Buffer.from('# A chart\n\n## Row\n\nText.\n'), 'chart.md', {
      extra: [{ name: 'kind', value: 'chart' }],
    });
    expect(chart.status).toBe(201);
    const reader = await ctx.user('reader');
    expect((await upload(fixture('advisory.md'), 'a.md', { user: reader })).status).toBe(403);
    expect((await upload(fixture('advisory.md'), 'a.md', { user: null })).status).toBe(401);
  });
});

describe('DOCX HTML to Markdown', () => {
  it('keeps safe links only, escapes Markdown in text and nests lists', () => {
    const { blocks } = htmlToBlocks(
      '<p>See <a href="https://example.org/a (b)">the rule</a> and <a href="javascript:alert(1)">this</a>; 2 * 3 = [6] &amp; more</p>' +
        '<ol><li>First<ul><li>Nested</li></ul></li><li>Second</li></ol><p># not a heading</p>',
    );
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        text: 'See [the rule](https://example.org/a%20%28b%29) and this; 2 \\* 3 = \\[6\\] & more',
      },
      { type: 'paragraph', text: '1. First\n   - Nested\n2. Second' },
      { type: 'paragraph', text: '\\# not a heading' },
    ]);
  });
});
