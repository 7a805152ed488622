import { describe, expect, it } from 'vitest';
import { canonicalCitation, citationKeys, rewriteCitationQuery, statuteKey, statuteSectionKey } from './citations';

describe('canonicalCitation', () => {
  it.each([
    ['8 U.S.C. § 1101(a)(43)(G)', 'usc8s1101pap43pgz'],
    ['8 USC 1101(a)(43)(G)', 'usc8s1101pap43pgz'],
    ['INA § 101(a)(43)(G)', 'usc8s1101pap43pgz'],
    ['INA 101(a)(43)(G)', 'usc8s1101pap43pgz'],
    ['INA § 237(a)(2)(E)(i)', 'usc8s1227pap2pepiz'],
    ['8 U.S.C. § 1227(a)(2)(E)(i)', 'usc8s1227pap2pepiz'],
    ['INA § 240A(a)', 'usc8s1229bpaz'],
    ['18 U.S.C. § 16(a)', 'usc18s16paz'],
    ['8 C.F.R. § 1003.1', 'cfr8s1003d1z'],
    ['Cal. Penal Code § 273.5', 'capc273d5z'],
    ['PC 273.5', 'capc273d5z'],
    ['273.5 PC', 'capc273d5z'],
    ['P.C. 273.5', 'capc273d5z'],
    ['Penal Code section 273.5', 'capc273d5z'],
    ['California Penal Code § 243(e)(1)', 'capc243pep1z'],
    ['Cal. Health & Safety Code § 11350', 'cahs11350z'],
    ['Health and Safety Code section 11350', 'cahs11350z'],
    ['H&S 11350', 'cahs11350z'],
    ['HS 11350', 'cahs11350z'],
    ['H&S Code § 11350', 'cahs11350z'],
    ['11350 H&S', 'cahs11350z'],
    ['Cal. Veh. Code § 23152', 'cavc23152z'],
    ['VC 23152', 'cavc23152z'],
    ['N.Y. Penal Law § 155.25', 'nypl155d25z'],
    ['Tex. Penal Code § 31.03', 'txpc31d03z'],
    ['Fla. Stat. § 893.13', 'flst893d13z'],
    ['720 ILCS 570/402', 'il720c570s402z'],
    ['720 ILCS 5/16-1', 'il720c5s16h1z'],
    ['720 ILCS 5/16-25', 'il720c5s16h25z'],
    ['720 ILCS 5/12-3.2(a)(1)', 'il720c5s12h3d2pap1z'],
    ['625 ILCS 5/11-501', 'il625c5s11h501z'],
    ['Tex. Health & Safety Code § 481.115(b)', 'txhs481d115pbz'],
    ['Texas Health and Safety Code Ann. § 481.112', 'txhs481d112z'],
    ['PC 273a', 'capc273az'],
    ['Cal. Penal Code § 273a(a)', 'capc273apaz'],
    ['273d PC', 'capc273dz'],
  ])('%s → %s', (input, key) => {
    expect(canonicalCitation(input)).toBe(key);
  });

  it('is not fooled by ordinary words and numbers', () => {
    expect(canonicalCitation('the PC was 12 years old')).toBeNull();
    expect(canonicalCitation('a sentence of 365 days')).toBeNull();
    expect(canonicalCitation('INA')).toBeNull();
  });
});

describe('citationKeys', () => {
  it('indexes every provision with its ancestors', () => {
    const keys = citationKeys('Under INA § 101(a)(43)(G) and PC 496(a), see also 18 U.S.C. § 16.');
    expect(keys).toEqual(
      expect.arrayContaining([
        'usc8s1101z',
        'usc8s1101paz',
        'usc8s1101pap43z',
        'usc8s1101pap43pgz',
        'capc496z',
        'capc496paz',
        'usc18s16z',
      ]),
    );
  });

  it('does not read one span twice (Texas Penal Code is not California)', () => {
    expect(citationKeys('Tex. Penal Code § 31.03')).toEqual(['txpc31d03z']);
    expect(citationKeys('Tex. Health & Safety Code § 481.115')).toEqual(['txhs481d115z']);
  });

  it('keeps the sections of one Illinois article apart (theft is not retail theft)', () => {
    const theft = statuteKey('720 ILCS 5/16-1');
    expect(theft).not.toBe(statuteKey('720 ILCS 5/16-25'));
    expect(theft).not.toBe(statuteKey('720 ILCS 5/161'));
    expect(statuteSectionKey('720 ILCS 5/16-1(a)(1)')).toBe(theft);
  });
});

describe('rewriteCitationQuery', () => {
  it('replaces citations with parent and own keys and keeps the words', () => {
    expect(rewriteCitationQuery('PC 273.5 plea').text).toBe('capc273d5z plea');
    expect(rewriteCitationQuery('8 USC 1101(a)(43)(G)').text).toBe('usc8s1101pap43z usc8s1101pap43pgz');
    expect(rewriteCitationQuery('petty theft CIMT')).toEqual({ text: 'petty theft CIMT', keys: [] });
  });
});

describe('statute keys of chart rows', () => {
  it('meet whichever form the statute is written in, subsections distinguished', () => {
    expect(statuteKey('Cal. Penal Code § 273.5(a)')).toBe(statuteKey('PC 273.5(a)'));
    expect(statuteKey('273.5(a) PC')).toBe('capc273d5paz');
    expect(statuteKey('PC 273.5(f)')).not.toBe(statuteKey('PC 273.5(a)'));
    expect(statuteSectionKey('PC 273.5(a)')).toBe('capc273d5z');
  });

  it('fall back to the text for a code the module does not know', () => {
    expect(statuteKey('Ariz. Rev. Stat. § 13-1203')).toBe('raw:arizrevstat131203');
    expect(statuteSectionKey('Ariz. Rev. Stat. § 13-1203')).toBeNull();
  });
});
