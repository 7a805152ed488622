import { describe, expect, it } from 'vitest';
import {
  identityKeys,
  searchableText,
  sectionProvisionKeys,
  toDocumentRecord,
  toSectionDocuments,
} from './section-document';

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

describe('sectionProvisionKeys', () => {
  it('reads the paragraph markers as the nesting they are, across sections', () => {
    const [first, second] = sectionProvisionKeys(
      ['INA § 240A [8 U.S.C. § 1229b]'],
      [
        'SEC. 240A. [8 U.S.C. 1229b] (a) CANCELLATION FOR PERMANENT RESIDENTS.—\n(1) has been…\n(3) has not been convicted',
        '(b) CANCELLATION FOR NONPERMANENT RESIDENTS.—\n(1) IN GENERAL.—\n(A) has been present 10 years\n(i)(I) battered\n(2) SPECIAL RULE',
      ],
    );
    expect(first).toEqual(expect.arrayContaining(['usc8s1229bz', 'usc8s1229bpaz', 'usc8s1229bpap3z']));
    expect(first).not.toContain('usc8s1229bpbz');
    // The second section continues the first: (b)(1)(A)(i)(I), then back up to (b)(2).
    expect(second).toEqual(
      expect.arrayContaining([
        'usc8s1229bpbz',
        'usc8s1229bpbp1paz',
        'usc8s1229bpbp1papiz',
        'usc8s1229bpbp1papipiz',
        'usc8s1229bpbp2z',
      ]),
    );
  });

  it('starts below the provision a document is, and tells the letter (i) from the numeral', () => {
    const [keys] = sectionProvisionKeys(
      ['8 U.S.C. § 1101(a)(48)'],
      ['(48)(A) The term “conviction” means…\n(i) a judge has found…\n(B) Any reference to a term of imprisonment'],
    );
    expect(keys).toEqual(expect.arrayContaining(['usc8s1101pap48paz', 'usc8s1101pap48papiz', 'usc8s1101pap48pbz']));
    const [letters] = sectionProvisionKeys(
      ['8 C.F.R. § 1003.2'],
      ['(h) Filing.\n(i) Motion to reopen.\n(1) In general'],
    );
    expect(letters).toEqual(expect.arrayContaining(['cfr8s1003d2phz', 'cfr8s1003d2piz', 'cfr8s1003d2pip1z']));
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
        lastReviewedAt: null,
        superseded: false,
        needsReview: false,
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
