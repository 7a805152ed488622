import { describe, expect, it } from 'vitest';
import { prepareQuery } from './query';
import { breakTies, tieBreakerOf } from './tie-breaking';
import type { SearchVocabulary } from './vocabulary';
import { otherNumber, wordFormSynonyms } from './word-forms';

const vocabulary: SearchVocabulary = {
  aliases: [
    ['PSC', 'particularly serious crime'],
    ['AF', 'aggravated felony'],
  ],
  phrases: [],
};

const hit = (id: string, kind: string, title: string, words: number, heading = 'Introduction', typos = 0) => ({
  id,
  kind,
  title,
  heading,
  superseded: false,
  _rankingScoreDetails: { words: { matchingWords: words }, typo: { typoCount: typos } },
});
const order = (hits: Array<{ id: string }>) => hits.map((h) => h.id);

describe('breaking ties among the first results', () => {
  it('does not let a word any fact pattern has outrank the document about the question', () => {
    const prepared = prepareQuery('asylum applicant convicted of drug trafficking', vocabulary);
    const ties = tieBreakerOf(prepared, vocabulary);
    expect(ties.requiredWords).toBe(4);
    const hits = [
      hit('compendium', 'treatise', 'Crimmigration Practice Handbook', 6),
      hit('tps', 'advisory', 'Criminal Bars to DACA and Temporary Protected Status', 6),
      hit('psc', 'advisory', 'Particularly Serious Crimes: How Convictions Bar Asylum', 4),
      hit('other', 'advisory', 'Burglary', 3),
    ];
    expect(order(breakTies(hits, ties))).toEqual(['psc', 'tps', 'compendium', 'other']);
  });

  it('prefers practice guidance to the law’s text for a practice question, and keeps typos first', () => {
    const ties = tieBreakerOf(prepareQuery('ICE detainer', vocabulary), vocabulary);
    const hits = [
      hit('regulation', 'regulation', '8 CFR § 287.7 — Detainer provisions', 2),
      hit('advisory', 'advisory', 'Detainers and Mandatory Detention', 2),
      hit('typo', 'advisory', 'Detainers', 2, 'Introduction', 1),
    ];
    expect(order(breakTies(hits, ties))).toEqual(['advisory', 'regulation', 'typo']);
  });

  it('for a citation, requires the provision only and ranks the document whose title names it first', () => {
    const ties = tieBreakerOf(prepareQuery('212(h) waiver seven years LPR', vocabulary), vocabulary);
    expect(ties.citation).toBe(true);
    expect(ties.requiredWords).toBe(2);
    const hits = [
      hit('regulation', 'regulation', '8 CFR § 212.7 — Waiver of certain grounds of inadmissibility', 6),
      hit('advisory', 'advisory', 'Simple possession', 6),
      hit('statute', 'statute', 'INA § 212(h) [8 U.S.C. § 1182(h)] — Waiver of certain criminal grounds', 2),
    ];
    expect(order(breakTies(hits, ties))).toEqual(['statute', 'regulation', 'advisory']);
  });

  it('reads a title with the typos the index forgives, and plurals', () => {
    const ties = tieBreakerOf(prepareQuery('Pereda felony', vocabulary), vocabulary);
    const hits = [
      hit('primer', 'advisory', 'A primer', 2),
      hit('pereida', 'advisory', 'Pereida v. Wilkinson', 2),
      hit('felonies', 'advisory', 'Felonies', 2),
    ];
    expect(order(breakTies(hits, ties))).toEqual(['pereida', 'felonies', 'primer']);
  });

  it('weighs a term of art or a name above a plain word, and reads plurals of a phrase’s first word', () => {
    const hansen = tieBreakerOf(prepareQuery('Hansen encouraging illegal immigration', vocabulary), vocabulary);
    const hits = [
      hit('row', 'offense_entry', '8 U.S.C. § 1324(a)(1)(A) — harboring or encouraging unlawful entry', 3),
      hit('opinion', 'court_opinion', 'United States v. Hansen', 3),
    ];
    expect(order(breakTies(hits, hansen))).toEqual(['opinion', 'row']);
    const withNta: SearchVocabulary = { ...vocabulary, aliases: [...vocabulary.aliases, ['NTA', 'notice to appear']] };
    const nta = tieBreakerOf(prepareQuery('NTA missing time', withNta), withNta);
    const notices = [
      hit('vacatur', 'advisory', 'Post-conviction relief: missing time limits', 3),
      hit('stop-time', 'advisory', 'Cancellation and the stop-time rule: notices to appear', 3),
    ];
    expect(order(breakTies(notices, nta))).toEqual(['stop-time', 'vacatur']);
  });

  it('leaves what is beyond the first page in Meilisearch’s order', () => {
    const ties = tieBreakerOf(prepareQuery('asylum', vocabulary), vocabulary);
    const hits = Array.from({ length: 12 }, (_, i) => hit(`h${i}`, 'statute', i === 11 ? 'Asylum' : 'Other', 1));
    expect(order(breakTies(hits, ties)).at(-1)).toBe('h11');
  });
});

describe('the forms of the law’s words', () => {
  it('pairs the singular and the plural, and the forms of a fact pattern’s verbs', () => {
    expect(otherNumber('felony')).toBe('felonies');
    expect(otherNumber('drugs')).toBe('drug');
    expect(otherNumber('status')).toBeNull();
    expect(otherNumber('narcotics')).toBe('narcotic');
    const synonyms = wordFormSynonyms();
    expect(synonyms.convicted).toEqual(['conviction', 'convictions']);
    expect(synonyms.plea).toContain('pleas');
    expect(synonyms.sentence).toContain('term of imprisonment');
  });
});
