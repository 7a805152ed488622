import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS } from './abbreviations';
import { buildSynonyms, indexSettings, vocabularyAliases } from './settings';

const terms = [
  {
    label: 'Theft and burglary',
    synonyms: ['theft', 'petty theft', 'shoplifting', 'burglary', 'receiving stolen property'],
  },
  { label: 'Sex offenses', synonyms: ['sexual abuse of a minor', 'SAM', 'rape'] },
  { label: 'Driving offenses (DUI, hit-and-run)', synonyms: ['DUI', 'DWI', 'driving under the influence'] },
  { label: 'Crime involving moral turpitude', synonyms: ['CIMT', 'moral turpitude'] },
];

describe('vocabularyAliases and buildSynonyms', () => {
  it('pairs each acronym with the phrase it abbreviates', () => {
    const aliases = vocabularyAliases(terms, []);
    expect(aliases).toEqual(
      expect.arrayContaining([
        ['SAM', 'sexual abuse of a minor'],
        ['DUI', 'driving under the influence'],
        ['CIMT', 'Crime involving moral turpitude'],
      ]),
    );
    // DWI abbreviates nothing listed: no guess.
    expect(aliases.some(([short]) => short === 'DWI')).toBe(false);
  });

  it('never makes different crimes of one category synonyms of each other', () => {
    const synonyms = buildSynonyms(vocabularyAliases(terms, ABBREVIATIONS));
    expect(synonyms.shoplifting).toBeUndefined();
    expect(synonyms.burglary).toBeUndefined();
    expect(synonyms.theft).toBeUndefined();
    expect(synonyms.cimt).toContain('crime involving moral turpitude');
    expect(synonyms['crime involving moral turpitude']).toContain('cimt');
    expect(synonyms.af).toEqual(['aggravated felony']);
  });

  it('keeps citation keys and numbers out of typo tolerance', () => {
    const settings = indexSettings({});
    expect(settings.typoTolerance?.disableOnNumbers).toBe(true);
    expect(settings.typoTolerance?.disableOnAttributes).toEqual(
      expect.arrayContaining(['identityKeys', 'citationKeys', 'citations']),
    );
    expect(settings.distinctAttribute).toBe('documentId');
    // A title naming the provision, then the provision itself, then what a document cites.
    expect(settings.searchableAttributes?.slice(0, 4)).toEqual(['title', 'titleKeys', 'identityKeys', 'citationKeys']);
  });
});
