import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONSEQUENCE_COLUMN_CODES, JURISDICTION_CODES, OffenseEntryData } from '@kb/contracts';
import { seedDataFolder } from '@kb/db';
import { slugify } from '@kb/markdown';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { readDemoDocuments } from './seed';

// The seeded sample content (offense entries and authority cards) is data that lawyers read: these
// checks keep every file well formed and every cross-reference pointing at something that exists.

interface SeededEntry {
  externalId: string;
  publisher: string;
  documentDate: string;
  lastReviewedAt: string;
  summary: string;
  offenseTypes: string[];
  consequences: string[];
  entry: OffenseEntryData;
}

interface AuthorityCard {
  citation: string;
  name: string;
  court: string;
  decidedOn: string;
  summary: string;
}

const offensesFolder = path.join(seedDataFolder, 'offenses');
const offenseFiles = readdirSync(offensesFolder).filter((f) => f.endsWith('.json'));
const entriesByFile = offenseFiles.map((file) => ({
  file,
  entries: JSON.parse(readFileSync(path.join(offensesFolder, file), 'utf8')) as SeededEntry[],
}));
const allEntries = entriesByFile.flatMap((f) => f.entries);

const taxonomy = JSON.parse(readFileSync(path.join(seedDataFolder, 'taxonomy.json'), 'utf8')) as Record<
  'offenseTypes' | 'consequences',
  Array<{ code: string }>
>;
const offenseTypeCodes = new Set(taxonomy.offenseTypes.map((t) => t.code));
const consequenceCodes = new Set(taxonomy.consequences.map((t) => t.code));

const demo = readDemoDocuments();
const publishedDemoSlugs = new Set(
  demo.filter((d) => d.status === 'published').map((d) => slugify(String(d.record.content.title))),
);
const demoPublishers = new Set(demo.map((d) => String(d.record.content.publisher)));

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

describe('seeded offense entries', () => {
  it('has at least 60 entries across the six jurisdictions, with unique external ids', () => {
    expect(allEntries.length).toBeGreaterThanOrEqual(60);
    const ids = allEntries.map((e) => e.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(offenseFiles.sort()).toEqual(
      ['federal.json', 'us-ca.json', 'us-fl.json', 'us-il.json', 'us-ny.json', 'us-tx.json'].sort(),
    );
  });

  it.each(entriesByFile)('$file: every entry validates against OffenseEntryData', ({ file, entries }) => {
    expect(entries.length).toBeGreaterThan(0);
    for (const item of entries) {
      const errors = [...Value.Errors(OffenseEntryData, item.entry)].map((e) => `${e.instancePath} ${e.message}`);
      expect(errors, item.externalId).toEqual([]);
      expect(item.entry.jurisdiction, item.externalId).toBe(file.replace(/\.json$/, ''));
    }
  });

  it('uses only existing taxonomy codes, jurisdictions, publishers and valid dates', () => {
    for (const item of allEntries) {
      const where = item.externalId;
      expect(item.offenseTypes.length, where).toBeGreaterThan(0);
      for (const code of item.offenseTypes) expect(offenseTypeCodes.has(code), `${where}: ${code}`).toBe(true);
      for (const code of item.consequences) expect(consequenceCodes.has(code), `${where}: ${code}`).toBe(true);
      expect(JURISDICTION_CODES, where).toContain(item.entry.jurisdiction);
      expect(demoPublishers.has(item.publisher), `${where}: ${item.publisher}`).toBe(true);
      expect(isDate(item.documentDate) && isDate(item.lastReviewedAt), where).toBe(true);
      expect(item.lastReviewedAt >= item.documentDate, where).toBe(true);
      expect(item.summary.length, where).toBeGreaterThan(10);
    }
  });

  it('links only to published demo advisories that exist (by slug)', () => {
    for (const item of allEntries) {
      for (const link of item.entry.advisories) {
        const slug = link.split('#')[0] ?? '';
        expect(publishedDemoSlugs.has(slug), `${item.externalId}: ${slug}`).toBe(true);
      }
    }
  });

  it('assesses every consequence column, cites an authority for each and states conditions only with "depends"', () => {
    for (const item of allEntries) {
      for (const column of CONSEQUENCE_COLUMN_CODES) {
        const where = `${item.externalId}.${column}`;
        const assessment = item.entry.assessments[column];
        expect(assessment, where).toBeDefined();
        if (!assessment) continue;
        expect(assessment.authorities.length, where).toBeGreaterThan(0);
        expect(assessment.summary.length, where).toBeGreaterThan(10);
        if (assessment.condition) expect(assessment.outcome, where).toBe('depends');
        for (const note of assessment.circuitNotes ?? []) {
          expect(note.circuit === 'bia' || /^cir-(\d{1,2}|dc)$/.test(note.circuit), where).toBe(true);
        }
      }
    }
  });

  it('marks every entry as sample content, not legal advice', () => {
    for (const item of allEntries) {
      expect(item.entry.practiceNotes, item.externalId).toMatch(/Sample content, not legal advice/);
    }
  });
});

describe('authority cards', () => {
  const readCards = () =>
    JSON.parse(readFileSync(path.join(seedDataFolder, 'authorities.json'), 'utf8')) as AuthorityCard[];
  const heldInFull = readFileSync(path.join(seedDataFolder, 'public-domain.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => String((JSON.parse(line) as { title: string }).title).toLowerCase());

  it('has at least 15 well-formed cards with unique citations', () => {
    const cards = readCards();
    expect(cards.length).toBeGreaterThanOrEqual(15);
    expect(new Set(cards.map((c) => c.citation)).size).toBe(cards.length);
    for (const card of cards) {
      expect(Object.keys(card).sort(), card.citation).toEqual(['citation', 'court', 'decidedOn', 'name', 'summary']);
      expect(card.citation.startsWith(card.name), card.citation).toBe(true);
      expect(isDate(card.decidedOn), card.citation).toBe(true);
      expect(card.citation, card.citation).toContain(card.decidedOn.slice(0, 4));
      expect(card.summary.length, card.citation).toBeGreaterThan(80);
      expect(card.court.length, card.citation).toBeGreaterThan(3);
    }
  });

  it('skips authorities the library already holds in full', () => {
    for (const card of readCards()) {
      const name = card.name.toLowerCase();
      expect(
        heldInFull.some((title) => title.startsWith(name)),
        `${card.citation} is already a full document`,
      ).toBe(false);
    }
  });
});
