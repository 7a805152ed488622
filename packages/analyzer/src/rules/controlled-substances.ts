import type { Finding } from '@kb/contracts';
import { classify } from '../classify';
import { assessmentOf, type Case, isMarijuana, sentence } from '../facts';
import {
  all,
  any,
  classifyPrior,
  deportabilityReach,
  describePrior,
  finding,
  inadmissibilityRelevance,
  type Tri,
} from './common';

export const CS_DEPORTABLE_RULE = 'INA § 237(a)(2)(B)(i)';
export const CS_INADMISSIBLE_RULE = 'INA § 212(a)(2)(A)(i)(II)';
const MELLOULI = 'Mellouli v. Lynch, 575 U.S. 798 (2015)';
const DAVEY = 'Matter of Davey, 26 I&N Dec. 37 (BIA 2012)';
const MARIJUANA_GRAMS = 30;

/** Is the offense about marijuana: the drug given, or the entry's own words when not given. */
function marijuana(c: Case): Tri {
  if (c.offense.drug !== null) return isMarijuana(c.offense.drug) ? 'yes' : 'no';
  const d = c.offense.data;
  return isMarijuana(`${d.offenseName} ${d.statutes.join(' ')}`) ? 'yes' : 'depends';
}

/**
 * § 237(a)(2)(B)(i)'s exception: "a single offense involving possession for one's own use of
 * 30 grams or less of marijuana". The entry marks a possession offense that can fall in it by
 * a quantity condition; the exception is lost with any other drug conviction (Matter of Davey).
 */
function marijuanaException(c: Case): { value: Tri; text: string } {
  const cond = assessmentOf(c.offense.data, 'controlled_substance_deportable').condition;
  if (cond?.quantityGramsOver === undefined) return { value: 'no', text: '' };
  const mj = marijuana(c);
  const q = c.offense.quantityGrams;
  const small: Tri = q === null ? 'depends' : q <= MARIJUANA_GRAMS ? 'yes' : 'no';
  const priors = c.priors.map((p) => ({ p, k: classifyPrior(p, 'controlled_substance_deportable') }));
  const anotherDrug = priors.length ? any(...priors.map((x) => x.k.value)) : 'no';
  const single: Tri = anotherDrug === 'yes' ? 'no' : anotherDrug === 'no' ? 'yes' : anotherDrug;
  const value = all(mj, small, single);
  const text = [
    mj === 'yes'
      ? 'the drug is marijuana'
      : mj === 'no'
        ? `the drug (${c.offense.drug}) is not marijuana`
        : 'the drug is not given',
    q === null
      ? 'the quantity is not given'
      : `the quantity is ${q} g (${q <= MARIJUANA_GRAMS ? '30 g or less' : 'over 30 g'})`,
    single === 'yes'
      ? 'it is the only drug offense'
      : `another drug conviction ${single === 'no' ? 'is' : 'may be'} in the record (${priors.map((x) => describePrior(x.p)).join('; ')})`,
  ].join('; ');
  return { value, text: `The single ≤ 30 g marijuana possession exception: ${text}.` };
}

/** INA § 237(a)(2)(B)(i): a controlled substance conviction after admission, except one ≤ 30 g marijuana possession. */
export function controlledSubstanceDeportable(c: Case): Finding {
  const reach = deportabilityReach(c.client);
  const k = classify(c.offense, 'controlled_substance_deportable');
  const authorities = [...k.authorities, MELLOULI];
  if (reach.value === 'no') {
    return finding(
      'controlled_substance_deportable',
      CS_DEPORTABLE_RULE,
      { outcome: 'no', reason: reach.text, whatWouldChange: 'Nothing in the plea: see the inadmissibility finding.' },
      authorities,
    );
  }
  const cond = assessmentOf(c.offense.data, 'controlled_substance_deportable').condition;
  const exception = marijuanaException(c);
  // With the exception in play the entry's quantity condition is the exception itself: read it here.
  const outcome = assessmentOf(c.offense.data, 'controlled_substance_deportable').outcome;
  const base: Tri =
    cond?.quantityGramsOver !== undefined && (outcome === 'yes' || outcome === 'depends')
      ? exception.value === 'yes'
        ? 'no'
        : exception.value === 'no'
          ? 'yes'
          : exception.value
      : k.value;
  const value = all(reach.value, base);
  const reason = [
    sentence(k.why),
    exception.text,
    reach.value === 'yes' ? '' : reach.text,
    exception.text ? 'The exception applies to deportability only, never to inadmissibility.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const change =
    value === 'no'
      ? exception.value === 'yes'
        ? 'Any second drug conviction, or a record showing more than 30 g, ends the exception.'
        : 'A conviction of an offense relating to a federally controlled substance.'
      : exception.text
        ? 'A record of conviction showing a single possession of 30 g or less of marijuana for personal use.'
        : k.decide ||
          'A plea to an offense that does not relate to a federally controlled substance (a generic or unspecified substance, where the record allows it: Mellouli).';
  return finding(
    'controlled_substance_deportable',
    CS_DEPORTABLE_RULE,
    { outcome: value, reason, whatWouldChange: change },
    [...authorities, ...(exception.text ? [DAVEY] : [])],
  );
}

/** INA § 212(a)(2)(A)(i)(II): a controlled substance conviction or admission, for everyone; no 30 g exception. */
export function controlledSubstanceInadmissible(c: Case): Finding {
  const k = classify(c.offense, 'controlled_substance_inadmissible');
  const small =
    marijuana(c) === 'yes' && c.offense.quantityGrams !== null && c.offense.quantityGrams <= MARIJUANA_GRAMS;
  const reason = [
    sentence(k.why),
    'The 30 g marijuana exception of § 237(a)(2)(B)(i) does not apply to inadmissibility.',
    small
      ? 'A waiver under INA § 212(h) can reach a single offense of simple possession of 30 g or less of marijuana.'
      : '',
    inadmissibilityRelevance(c.client),
  ]
    .filter(Boolean)
    .join(' ');
  const change =
    k.value === 'no'
      ? 'A conviction or formal admission of an offense relating to a federally controlled substance.'
      : k.decide || 'A plea to an offense that does not relate to a federally controlled substance (Mellouli).';
  return finding(
    'controlled_substance_inadmissible',
    CS_INADMISSIBLE_RULE,
    { outcome: k.value, reason, whatWouldChange: change },
    [...k.authorities, MELLOULI, ...(small ? ['INA § 212(h)'] : [])],
  );
}
