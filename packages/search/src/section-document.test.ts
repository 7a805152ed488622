import { describe, expect, it } from 'vitest';
import { identityKeys, searchableText, toDocumentRecord, toSectionDocuments } from './section-document';

describe('identityKeys', () => {
  it('gives a statute its own provision and the paragraphs it sets out, not deeper levels', () => {
    const body = [
      '(43) The term “aggravated felony” means—',
      '(A) murder, rape, or sexual abuse of a minor;',
      '(E) an offense described in—',
      '(i) section 842 (h) or (i) of title 18;',
      '(G) a theft offense (including receipt of stolen property) or burglary offense;',
    ].join('\n');
    const keys = identityKeys(['INA § 101(a)(43)', '8 U.S.C. § 1101(a)(43)'], body);
    expect(keys).toEqual(
      expect.arrayContaining(['usc8s1101z', 'usc8s1101pap43z', 'usc8s1101pap43paz', 'usc8s1101pap43pgz']),
    );
    expect(keys).not.toContain('usc8s1101pap43piz');
    expect(keys).not.toContain('usc8s1101pap43p43z');
  });
});

describe('searchableText', () => {
  it('reads Markdown as a reader sees it', () => {
    const text = searchableText(
      '## Bottom line\n\n- **One petty theft** is a *CIMT*. See [the statute](https://x.gov/a_(b)).\n\n| A | B |\n|---|---|\n| PC 484 | Yes |',
    );
    expect(text).toBe('Bottom line\n• One petty theft is a CIMT. See the statute.\n\nA · B\n\nPC 484 · Yes');
  });

  it('removes control characters, so a document cannot fake a highlight', () => {
    expect(searchableText('a\u0002b\u0003c')).toBe('abc');
  });
});

describe('toSectionDocuments', () => {
  it('denormalizes the document into each section, tags with their ancestors', () => {
    const terms = new Map([
      [
        'aggravated-felony',
        { code: 'aggravated-felony', label: 'Aggravated felony', synonyms: ['AF'], parentCode: null },
      ],
      ['af-g', { code: 'af-g', label: 'AF (G)', synonyms: [], parentCode: 'aggravated-felony' }],
    ]);
    const docs = toSectionDocuments(
      {
        id: '0b4c7d1e-1111-4222-8333-944455556666',
        externalId: 'x',
        slug: 'x',
        title: 'Burglary under PC 459',
        kind: 'advisory',
        publisher: 'P',
        audience: 'both',
        summary: 'S',
        jurisdictions: ['us-ca'],
        offenseTypes: [],
        consequences: ['af-g'],
        citations: ['Cal. Penal Code § 459'],
        documentDate: '2024-03-01',
        superseded: false,
        revisionId: 'r1',
        sections: [
          { position: 0, anchor: 'introduction', heading: 'Burglary under PC 459', body: 'Intro.' },
          { position: 1, anchor: 'af', heading: 'AF', body: 'See INA § 101(a)(43)(G).' },
        ],
      },
      new Map(),
      terms,
    );
    expect(docs).toHaveLength(2);
    // The counting record: the document's fields once, each section's words its own attribute.
    const record = toDocumentRecord(docs);
    expect(record).toMatchObject({
      id: '0b4c7d1e111142228333944455556666',
      documentId: '0b4c7d1e-1111-4222-8333-944455556666',
      consequences: docs[0]?.consequences,
      version: docs[0]?.version,
      heading: { s0: 'Burglary under PC 459', s1: 'AF' },
      body: { s0: 'Intro.', s1: 'See INA § 101(a)(43)(G).' },
    });
    expect(record.citationKeys).toEqual([...new Set(docs.flatMap((d) => d.citationKeys))]);
    expect(record).not.toHaveProperty('anchor');
    expect(docs[0]?.consequences.sort()).toEqual(['af-g', 'aggravated-felony']);
    expect(docs[1]?.citationKeys).toEqual(expect.arrayContaining(['capc459z', 'usc8s1101pap43pgz']));
    expect(docs[0]?.citationKeys).not.toContain('usc8s1101pap43pgz');
    expect(docs[0]?.identityKeys).toEqual([]);
    expect(docs[0]?.year).toBe(2024);
  });
});
