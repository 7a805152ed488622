import { documents } from '@kb/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../testing/harness';
import { caseName, reporterKeys } from './documents.related';

let ctx: TestContext;
let reader: TestUser;
let editor: TestUser;

async function seeded(externalId: string) {
  const [row] = await ctx.db.select().from(documents).where(eq(documents.externalId, externalId));
  if (!row) throw new Error(`no document ${externalId}`);
  return row;
}

const get = (user: TestUser, url: string) => ctx.app.inject({ method: 'GET', url, headers: user.auth });

beforeAll(async () => {
  ctx = await createTestContext();
  [reader, editor] = await Promise.all([ctx.user('reader'), ctx.user('editor')]);
});
afterAll(() => ctx.close());

describe('reading documents', () => {
  it('answers 404 to a reader asking for a draft, by slug or id, with or without ?view=draft', async () => {
    const draft = await seeded('demo-adv-draft-marijuana-rescheduling');
    for (const url of [
      `/api/documents/${draft.slug}`,
      `/api/documents/${draft.id}`,
      `/api/documents/${draft.slug}?view=draft`,
      `/api/documents/${draft.slug}/related`,
      `/api/documents/${draft.slug}/related?view=draft`,
    ]) {
      const response = await get(reader, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    // The same answer as for a document that does not exist: a draft's existence is not revealed.
    const missing = await get(reader, '/api/documents/no-such-document');
    expect(missing.json()).toEqual((await get(reader, `/api/documents/${draft.slug}`)).json());
    // The owning organization's editors may read the draft when they ask for it; another
    // organization's editors get the reader's 404.
    const [row] = await ctx.db
      .select({ organizationId: documents.organizationId })
      .from(documents)
      .where(eq(documents.id, draft.id));
    const owner = await ctx.user('editor', { organizationId: row?.organizationId ?? null });
    expect((await get(owner, `/api/documents/${draft.slug}?view=draft`)).statusCode).toBe(200);
    expect((await get(owner, `/api/documents/${draft.slug}/related?view=draft`)).statusCode).toBe(200);
    expect((await get(editor, `/api/documents/${draft.slug}?view=draft`)).statusCode).toBe(404);
  });

  it('links citations to the primary sources held, by canonical citation, reporter and case name', async () => {
    const advisory = await seeded('demo-adv-crime-of-violence-after-dimaya-2019');
    const response = await get(reader, `/api/documents/${advisory.slug}/related`);
    expect(response.statusCode).toBe(200);
    const { citations } = response.json() as {
      citations: Array<{ text: string; document: { slug: string; title: string } | null }>;
    };
    const linked = (text: string) => citations.find((c) => c.text === text)?.document;
    const statute16 = await seeded('usc-18-16');
    const ina43 = await seeded('ina-101-a43');
    expect(linked('18 U.S.C. § 16')?.slug).toBe(statute16.slug);
    // A subparagraph links to the document holding the enclosing provision, in both INA and U.S.C. form.
    expect(linked('INA § 101(a)(43)(F)')?.slug).toBe(ina43.slug);
    expect(linked('8 U.S.C. § 1101(a)(43)(F)')?.slug).toBe(ina43.slug);
    // Not held in the knowledge base: listed without a link.
    expect(citations.find((c) => c.text.startsWith('Leocal'))?.document).toBeNull();
    expect(citations).toHaveLength(10);

    const pereidaAdvisory = await seeded('demo-adv-pereida-burden-of-proof-relief');
    const pereida = (await get(reader, `/api/documents/${pereidaAdvisory.slug}/related`)).json() as {
      citations: Array<{ text: string; document: { title: string } | null }>;
    };
    const pereidaLink = pereida.citations.find((c) => c.text.startsWith('Pereida v. Wilkinson'))?.document;
    // The court's opinion, not the dissent filed under the same citation.
    expect(pereidaLink?.title).toMatch(/Opinion of the Court/);
  });

  it('lists related published guidance by shared tags, current before superseded, never drafts', async () => {
    const advisory = await seeded('demo-adv-crime-of-violence-2024-update');
    const draft = await seeded('demo-adv-draft-marijuana-rescheduling');
    const { related } = (await get(reader, `/api/documents/${advisory.slug}/related`)).json() as {
      related: Array<{ id: string; superseded: boolean; sharedTerms: string[] }>;
    };
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(6);
    expect(related.map((r) => r.id)).not.toContain(advisory.id);
    expect(related.map((r) => r.id)).not.toContain(draft.id);
    for (const r of related) expect(r.sharedTerms.length).toBeGreaterThan(0);
    const firstSuperseded = related.findIndex((r) => r.superseded);
    if (firstSuperseded >= 0) expect(related.slice(firstSuperseded).every((r) => r.superseded)).toBe(true);
  });
});

describe('citation parsing', () => {
  it('normalizes reporter citations and case names', () => {
    expect(reporterKeys('Pereida v. Wilkinson, No. 19-438, 592 U.S. 224 (2021)')).toEqual(['592|us|224']);
    expect(reporterKeys('Matter of X, 27 I&N Dec. 48 (BIA 2017)')).toEqual(['27|i&ndec|48']);
    expect(reporterKeys('Fernandez-Ruiz v. Gonzales, 466 F.3d 1121 (9th Cir. 2006)')).toEqual(['466|f3d|1121']);
    expect(reporterKeys('8 U.S.C. § 1101(a)(43)')).toEqual([]);
    expect(caseName('Pereida v. Wilkinson, 592 U.S. 224 (2021) — Breyer, J., dissenting')).toBe('pereida v wilkinson');
    expect(caseName('INA § 101(a)(43)')).toBeNull();
  });
});
