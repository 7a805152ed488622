import { describe, expect, it } from 'vitest';
import { fallbackTerms, impliedBars, orderByWeight, prepareQuery } from './query';
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

describe('fallbackTerms (full-text search without the index synonyms)', () => {
  const vocabulary = {
    aliases: [['CIMT', 'crime involving moral turpitude']] as Array<[string, string]>,
    phrases: [
      { kind: 'lay_term' as const, phrase: 'ICE hold', meanings: ['immigration detainer', 'detainer'] },
      { kind: 'offense_name' as const, phrase: 'joyriding', meanings: ['VC 10851', 'vehicle taking'] },
      { kind: 'abbreviation' as const, phrase: 'CMT', meanings: ['crime involving moral turpitude', 'CIMT'] },
    ],
  };

  it('asks a phrase or abbreviation as any of its meanings, and a citation by its section number', () => {
    expect(fallbackTerms('ICE hold', vocabulary)).toEqual([['ice hold', 'immigration detainer', 'detainer']]);
    expect(fallbackTerms('joyriding', vocabulary)).toEqual([['joyriding', '10851', 'vehicle taking']]);
    expect(fallbackTerms('CMT theft', vocabulary)).toEqual([
      ['cmt', 'crime involving moral turpitude', 'cimt'],
      ['theft'],
    ]);
    expect(fallbackTerms('is a CIMT', vocabulary)).toEqual([['cimt', 'crime involving moral turpitude']]);
    expect(fallbackTerms('INA 101(a)(43) theft', vocabulary)).toEqual([['101', '1101'], ['theft']]);
  });

  it('drops the words of a fact pattern that carry nothing, and leaves a quoted phrase alone', () => {
    expect(fallbackTerms('my client was arrested for shoplifting', vocabulary)).toEqual([
      ['arrested'],
      ['shoplifting'],
    ]);
    expect(fallbackTerms('"ICE hold"', vocabulary)).toEqual([]);
  });
});

describe('orderByWeight (a long query gives up its least telling words first)', () => {
  it('puts names and citation keys first, words of the law next, the words of any fact pattern last', () => {
    const words = 'motion vacate because lawyer advise deportation Padilla'.split(' ');
    expect(orderByWeight(words, (w) => w === 'Padilla', new Set(['advise']))).toEqual([
      'Padilla',
      'motion',
      'vacate',
      'advise',
      'deportation',
      'lawyer',
      'because',
    ]);
    // The client's status is context: after what the query asks about, before the words any fact pattern has.
    const returning = prepareQuery('my client LPR returning from a trip after a theft conviction');
    expect(returning.text).toBe('theft returning trip LPR after conviction ');
    expect(returning.requiredWords).toBe(3);
  });
});

describe('how lawyers phrase status, numbers and relief', () => {
  const vocabulary = {
    aliases: [
      ['LPR', 'lawful permanent resident'],
      ['PSC', 'particularly serious crime'],
    ] as Array<[string, string]>,
    phrases: [
      { kind: 'lay_term' as const, phrase: 'green card holder', meanings: ['lawful permanent resident', 'LPR'] },
      { kind: 'abbreviation' as const, phrase: 'LPR', meanings: ['lawful permanent resident'] },
      { kind: 'lay_term' as const, phrase: 'non-LPR', meanings: ['nonpermanent resident'] },
      { kind: 'offense_name' as const, phrase: 'wife beating', meanings: ['PC 273.5'] },
    ],
  };

  it('reads a denied status as the negative status the vocabulary names', () => {
    for (const q of [
      'client is not a green card holder',
      'client not an LPR',
      'client no longer a lawful permanent resident',
      'client non LPR',
      'client non-LPR',
    ]) {
      expect(prepareQuery(q, vocabulary).text, q).toBe('kbvnonlpr ');
    }
    expect(prepareQuery('green card holder', vocabulary).text).toBe('kbvgreencardholder ');
    // A status with no negative phrase in the vocabulary stays as typed.
    expect(prepareQuery('not a PSC', vocabulary).text).toBe('not PSC ');
    expect(prepareQuery('not lpr', vocabulary).text).toBe('kbvnonlpr ');
  });

  it('spells out shorthand amounts', () => {
    expect(prepareQuery('wire fraud loss 10k', vocabulary).text).toBe('fraud wire loss 10,000 ');
  });

  it('asks a relief named beside a crime about its criminal bar, before the words any fact pattern has', () => {
    const asylum = prepareQuery('asylum applicant convicted of drug trafficking', vocabulary);
    expect(asylum.text).toBe('asylum drug trafficking PSC applicant convicted ');
    expect(asylum.requiredWords).toBe(4);
    expect(asylum.matchingStrategy).toBe('last');
    expect(prepareQuery('naturalization wife beating', vocabulary).text).toBe('naturalization kbvwifebeating GMC ');
    expect(prepareQuery('cancellation of removal DUI', vocabulary).text).toBe('cancellation removal DUI stop-time ');
    // Named already, or no crime: nothing added.
    expect(prepareQuery('PSC asylum bar', vocabulary).text).not.toContain('PSC PSC');
    expect(prepareQuery('asylum one year deadline', vocabulary).text).not.toContain('PSC');
    expect(prepareQuery('"asylum drug trafficking"', vocabulary).text).not.toContain('PSC');
  });
});

describe('impliedBars', () => {
  it('names the bar of each relief when a crime is asked about', () => {
    expect(impliedBars('withholding of removal five year sentence')).toEqual(['PSC']);
    expect(impliedBars('citizenship application with a DUI')).toEqual(['GMC']);
    expect(impliedBars('LPR cancellation aggravated felony')).toEqual(['stop-time']);
    expect(impliedBars('cancellation of removal stop time theft')).toEqual([]);
    expect(impliedBars('naturalization interview')).toEqual([]);
    expect(impliedBars('asylum wife beating', new Set(['kbvwifebeating']))).toEqual([]);
    expect(impliedBars('asylum kbvwifebeating', new Set(['kbvwifebeating']))).toEqual(['PSC']);
  });
});
