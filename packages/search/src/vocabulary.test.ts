import { describe, expect, it } from 'vitest';
import { prepareQuery } from './query';
import { buildSynonyms } from './settings';
import {
  addPhraseSynonyms,
  detectJurisdictions,
  jurisdictionNames,
  type LawyerPhrase,
  phraseToken,
  rewriteNegatedStatus,
  type SearchVocabulary,
  understandQuery,
} from './vocabulary';

const phrases: LawyerPhrase[] = [
  { kind: 'abbreviation', phrase: 'CMT', meanings: ['crime involving moral turpitude', 'CIMT'] },
  { kind: 'lay_term', phrase: 'ICE hold', meanings: ['immigration detainer', 'detainer'] },
  { kind: 'lay_term', phrase: 'green card holder', meanings: ['lawful permanent resident', 'LPR'] },
  { kind: 'lay_term', phrase: 'green card', meanings: ['lawful permanent resident'] },
  { kind: 'offense_name', phrase: 'joyriding', meanings: ['VC 10851', 'vehicle taking'] },
  { kind: 'offense_name', phrase: 'spousal abuse', meanings: ['Cal. Penal Code § 273.5'] },
];
const vocabulary: SearchVocabulary = { aliases: [['CIMT', 'crime involving moral turpitude']], phrases };

describe('the lawyer vocabulary as index synonyms', () => {
  const synonyms = addPhraseSynonyms(buildSynonyms(vocabulary.aliases), phrases);

  it('makes a phrase find its meanings one way, with the meanings’ own equivalents', () => {
    expect(synonyms.cmt).toEqual(['cimt', 'crime involving moral turpitude']);
    // "CIMT" does not come to mean "CMT": one-way.
    expect(synonyms.cimt).toEqual(['crime involving moral turpitude']);
  });

  it('turns a meaning written as a citation into the citation key the index holds', () => {
    expect(synonyms.joyriding).toEqual(['cavc10851z', 'vehicle taking']);
    expect(synonyms.kbvspousalabuse).toEqual(['capc273d5z', 'spousal abuse']);
  });

  it('asks a multi-word phrase as one word, so its words do not match on their own', () => {
    expect(prepareQuery('ICE hold', vocabulary).text).toBe('kbvicehold ');
    // A status ("green card holder") is asked after the offense: the offense's guidance answers.
    const shoplifting = prepareQuery('green card holder shoplifting', vocabulary);
    expect(shoplifting.text).toBe('shoplifting kbvgreencardholder ');
    expect(shoplifting.matchingStrategy).toBe('last');
    expect(synonyms.kbvicehold).toEqual(['detainer', 'ice hold', 'immigration detainer']);
  });
});

describe('query understanding', () => {
  it('reads a hyphenated phrase as its words, however it is typed', () => {
    expect(phraseToken('non-LPR')).toBe('kbvnonlpr');
    expect(phraseToken('LPR')).toBeNull();
    const withNegative: SearchVocabulary = {
      ...vocabulary,
      phrases: [...phrases, { kind: 'lay_term', phrase: 'non-LPR', meanings: ['nonpermanent resident'] }],
    };
    expect(prepareQuery('non LPR cancellation', withNegative).text).toBe('cancellation kbvnonlpr ');
  });

  it('reports a denied status as the negative status it was read as', () => {
    const withNegative: SearchVocabulary = {
      ...vocabulary,
      phrases: [...phrases, { kind: 'lay_term', phrase: 'non-LPR', meanings: ['nonpermanent resident'] }],
    };
    expect(rewriteNegatedStatus('client is not a green card holder', withNegative)).toBe('client is non-LPR');
    expect(understandQuery('not a green card holder', withNegative).phrases.map((p) => p.phrase)).toEqual(['non-LPR']);
    // Without a negative phrase in the vocabulary, the query is left as typed.
    expect(rewriteNegatedStatus('not a green card holder', vocabulary)).toBe('not a green card holder');
  });

  it('reports the phrases, citations and jurisdictions it recognized', () => {
    const understood = understandQuery('green card holder charged under Cal. Penal Code § 273.5, 9th Cir.', vocabulary);
    expect(understood.phrases.map((p) => p.phrase)).toEqual(['green card holder']);
    expect(understood.citations).toEqual(['Cal. Penal Code § 273.5']);
    expect(understood.jurisdictions.sort()).toEqual(['cir-9', 'us-ca']);
  });

  it('detects jurisdictions by name, abbreviation and circuit, not inside other words', () => {
    expect(detectJurisdictions('California petty theft')).toEqual(['us-ca']);
    expect(detectJurisdictions('Ninth Circuit crime of violence')).toEqual(['cir-9']);
    expect(detectJurisdictions('Tex. Penal Code 31.03')).toEqual(['us-tx']);
    expect(detectJurisdictions('calendar of the court')).toEqual([]);
    expect(detectJurisdictions('West Virginia battery')).toEqual(['us-wv']);
    // Asked as a token, last: a boost for that jurisdiction's guidance, never a filter.
    const asked = prepareQuery('Illinois cannabis possession');
    expect(asked.text).toBe('cannabis possession kbjusil ');
    expect(asked.matchingStrategy).toBe('last');
    expect(jurisdictionNames('cir-7')).toEqual(['7th Circuit', '7th Cir.', 'Seventh Circuit']);
  });

  it('drops words that say nothing about the answer from a fact pattern', () => {
    expect(prepareQuery('my client was arrested for the theft').text).toBe('arrested theft');
    // A long query is a fact pattern: its words of the law first, the words any fact pattern has last,
    // so that Meilisearch (strategy `last`) gives those up first.
    const fact = prepareQuery('client pleaded to possession of meth in 2019, now wants to naturalize');
    // A relief beside a crime also asks about the relief's criminal bar (good moral character).
    expect(fact.text).toBe('possession naturalize meth GMC pleaded ');
    expect(fact.matchingStrategy).toBe('last');
    expect(prepareQuery('statutory rape 17 year old girlfriend Esquivel').text).toBe(
      'Esquivel statutory rape 17 girlfriend year old ',
    );
    expect(prepareQuery('theft arrest').matchingStrategy).toBe('frequency');
    // Nothing but filler: kept as typed.
    expect(prepareQuery('what is it').text).toBe('what is it');
  });

  it('asks a partial citation as the prefix of the provisions it begins', () => {
    expect(prepareQuery('PC 273').prefixText).toBe('capc273');
    expect(prepareQuery('H&S 113').prefixText).toBe('cahs113');
    // With subsections it is complete.
    expect(prepareQuery('PC 243(e)(1)').prefixText).toBeNull();
  });
});
