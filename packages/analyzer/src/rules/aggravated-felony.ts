import type { AssessmentCondition, Finding } from '@kb/contracts';
import { classify } from '../classify';
import { type Case, sentence } from '../facts';
import { finding, statusLabel } from './common';

export const AGGRAVATED_FELONY_RULE = 'INA § 101(a)(43)';

/** Subparagraphs that are aggravated felonies only with a term of imprisonment of at least one year. */
const YEAR_SUBPARAGRAPHS = new Set(['F', 'G', 'P', 'R', 'S']);

/**
 * The thresholds § 101(a)(43) itself sets for the subparagraphs an entry names, so an entry
 * that names (M) without a loss still turns on the loss: (F), (G), (P), (R), (S) a year;
 * (M)(i) a loss over $10,000.
 */
export function statutoryThresholds(subparagraphs: string[]): AssessmentCondition {
  return {
    ...(subparagraphs.some((s) => YEAR_SUBPARAGRAPHS.has(s)) ? { sentenceDaysAtLeast: 365 } : {}),
    ...(subparagraphs.includes('M') ? { lossOver: 10_000 } : {}),
  };
}

/**
 * Aggravated felony (INA § 101(a)(43)): the entry names the subparagraphs and the numeric
 * condition — a sentence of at least one year for theft, burglary and crimes of violence
 * ((F), (G)), counting suspended time (§ 101(a)(48)(B)); a loss over $10,000 for fraud ((M)(i)).
 */
export function aggravatedFelony(c: Case): Finding {
  const subs = c.offense.data.assessments.aggravated_felony?.subparagraphs ?? [];
  const af = classify(c.offense, 'aggravated_felony', statutoryThresholds(subs));
  const rule = subs.length
    ? `${AGGRAVATED_FELONY_RULE}(${subs.join('), (')})`.replace(/\), \(/g, '), § 101(a)(43)(')
    : AGGRAVATED_FELONY_RULE;
  const consequence =
    c.client.admission === 'admitted'
      ? 'An aggravated felony makes an admitted noncitizen deportable (INA § 237(a)(2)(A)(iii)) and bars almost all relief.'
      : c.client.admission === 'not_admitted'
        ? `An aggravated felony is not itself a ground of inadmissibility, but for this client (${statusLabel(c.client)}) it bars asylum and cancellation, permits expedited removal (INA § 238(b)) and bars return for life (INA § 212(a)(9)(A)).`
        : 'An aggravated felony makes an admitted noncitizen deportable (INA § 237(a)(2)(A)(iii)); for anyone it bars asylum and cancellation.';
  const authorities = ['INA § 101(a)(48)(B)', ...af.authorities];
  if (af.value === 'yes') {
    return finding(
      'aggravated_felony',
      rule,
      {
        outcome: 'yes',
        reason: `${sentence(af.why)} ${consequence}`,
        whatWouldChange: af.decide || 'A plea to a safer alternative offense.',
      },
      authorities,
    );
  }
  if (af.value === 'no') {
    return finding(
      'aggravated_felony',
      rule,
      {
        outcome: 'no',
        reason: sentence(af.why),
        whatWouldChange:
          af.decide || 'Not an aggravated felony whatever the sentence; only a plea to another offense changes this.',
      },
      authorities,
    );
  }
  return finding(
    'aggravated_felony',
    rule,
    { outcome: af.value, reason: `${sentence(af.why)} ${consequence}`, whatWouldChange: af.decide },
    authorities,
  );
}
