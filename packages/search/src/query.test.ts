import { describe, expect, it } from 'vitest';
import { prepareQuery } from './query';
import { vocabularyAliases } from './settings';

describe('prepareQuery', () => {
  it('gives the spelled-out and abbreviated forms of a term of art one query', () => {
    expect(prepareQuery('crime involving moral turpitude').text).toBe(prepareQuery('CIMT').text);
    expect(prepareQuery('Crimes  involving moral turpitude').text).toBe('CIMT ');
    expect(prepareQuery('aggravated felonies').text).toBe('AF ');
    expect(prepareQuery('a felony').text).toBe('felony');
    expect(prepareQuery('petty theft crime involving moral turpitude').text).toBe('petty theft CIMT ');
    expect(prepareQuery('aggravated felony theft').text).toBe('AF theft');
  });

  it('turns citations into canonical keys, whatever the form', () => {
    const forms = ['PC 273.5', '273.5 PC', 'Cal. Penal Code § 273.5'];
    for (const form of forms) expect(prepareQuery(form).text).toBe(prepareQuery('PC 273.5').text);
    expect(prepareQuery('8 USC 1101(a)(43)(G)').citationKeys).toEqual(['usc8s1101pap43z', 'usc8s1101pap43pgz']);
    expect(prepareQuery('Immigration and Nationality Act § 101(a)(43)(G)').text).toBe(
      prepareQuery('8 USC 1101(a)(43)(G)').text,
    );
  });

  it('ends a complete abbreviation or citation with a space, so it is not read as a prefix', () => {
    expect(prepareQuery('AF').text).toBe('AF ');
    expect(prepareQuery('H&S 11350').text.endsWith(' ')).toBe(true);
    // An unfinished word stays a prefix: results as you type.
    expect(prepareQuery('moral turp').text).toBe('moral turp');
  });

  it('drops control characters (they mark highlights in snippets)', () => {
    expect(prepareQuery('theft\u0002\u0003\u0000 CIMT').text).toBe('theft CIMT ');
  });

  it('uses the aliases it is given (the vocabulary adds its own)', () => {
    const aliases = vocabularyAliases(
      [{ label: 'Driving offenses', synonyms: ['DUI', 'driving under the influence'] }],
      [],
    );
    expect(prepareQuery('driving under the influence', aliases).text).toBe('DUI ');
  });
});
