import { describe, expect, it } from 'vitest';
import { digitsOf, numberSynonyms, spellOutAmounts, withNumberSynonyms } from './numbers';

describe('numbers as lawyers and the law write them', () => {
  it('makes a number word and its digits one word in the index, both ways', () => {
    const synonyms = numberSynonyms();
    expect(synonyms.ten).toEqual(['10']);
    expect(synonyms['10']).toEqual(['ten']);
    expect(synonyms.seven).toEqual(['7']);
    expect(synonyms.first).toEqual(['1st']);
    expect(synonyms.ninety).toEqual(['90']);
    expect(digitsOf('Five')).toBe('5');
    expect(digitsOf('felony')).toBeUndefined();
  });

  it('keeps the synonyms a number word already had', () => {
    expect(withNumberSynonyms({ one: ['single'] }).one).toEqual(['1', 'single']);
  });

  it('spells out shorthand amounts as the guidance states them', () => {
    expect(spellOutAmounts('wire fraud loss 10k AF')).toBe('wire fraud loss 10,000 AF');
    expect(spellOutAmounts('loss over $10K')).toBe('loss over 10,000');
    // Citations and subsections are not amounts.
    expect(spellOutAmounts('INA 101(a)(43)(K) PC 273k')).toBe('INA 101(a)(43)(K) PC 273k');
  });
});
