import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS } from './abbreviations';
import { prepareQuery } from './query';
import { exactCitation } from './search-index';
import type { SearchVocabulary } from './vocabulary';

const vocabulary: SearchVocabulary = {
  aliases: ABBREVIATIONS,
  phrases: [{ kind: 'offense_name', phrase: 'PC 484', meanings: ['petty theft'] }],
};
const exact = (q: string) => {
  const { text, citationKeys } = prepareQuery(q, vocabulary);
  return exactCitation(text, citationKeys, vocabulary);
};

describe('exactCitation: a query that is one citation asks its keys as exact words', () => {
  it('quotes a lone key, and a provision with its parent', () => {
    expect(exact('PC 273.5')).toBe('"capc273d5z" ');
    expect(exact('273.5 PC')).toBe('"capc273d5z" ');
    expect(exact('8 USC 1101(a)(43)(G)')).toBe('"usc8s1101pap43z" "usc8s1101pap43pgz" ');
  });

  it('leaves a key with synonyms, a citation with other words, and two citations as they are', () => {
    expect(exact('PC 484')).toBeNull();
    expect(exact('PC 273.5 domestic violence')).toBeNull();
    expect(exact('PC 273.5 and PC 243(e)(1)')).toBeNull();
    expect(exact('aggravated felony')).toBeNull();
  });
});
