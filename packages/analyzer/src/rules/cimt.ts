import type { Finding } from '@kb/contracts';
import { type Classification, classify } from '../classify';
import { addYears, type Case, days, describeSentence, type PriorFacts, sentence } from '../facts';
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

export const CIMT_FIVE_YEARS_RULE = 'INA § 237(a)(2)(A)(i)';
export const CIMT_TWO_RULE = 'INA § 237(a)(2)(A)(ii)';
export const CIMT_INADMISSIBLE_RULE = 'INA § 212(a)(2)(A)(i)(I)';
export const PETTY_OFFENSE_RULE = 'INA § 212(a)(2)(A)(ii)(II)';

const ALYAZJI = 'Matter of Alyazji, 25 I&N Dec. 397 (BIA 2011)';
const ADETIBA = 'Matter of Adetiba, 20 I&N Dec. 506 (BIA 1992)';
const GARCIA_HERNANDEZ = 'Matter of Garcia-Hernandez, 23 I&N Dec. 590 (BIA 2003)';
const ONE_YEAR = 365;
/** Six months: 180 days is always within it; more than 184 never is; between, it depends on the months counted. */
const SIX_MONTHS_SURE = 180;
const SIX_MONTHS_LONGEST = 184;

const cimtSays = (k: Classification) =>
  k.value === 'yes' ? 'a CIMT' : k.value === 'no' ? 'not a CIMT' : 'possibly a CIMT';

/** (A)(i): committed within five years after admission, and a sentence of a year or longer may be imposed. */
export function cimtWithinFiveYears(c: Case, isCimt: Classification): { value: Tri; text: string; change: string } {
  const { client, offense } = c;
  let within: Tri;
  let when: string;
  if (!client.admittedOn) {
    within = 'depends';
    when = 'the admission date is not given, so the five-year clock cannot be run';
  } else if (!offense.offenseDate) {
    within = 'depends';
    when = 'the offense date is not given, so the five-year clock cannot be run';
  } else if (offense.offenseDate < client.admittedOn) {
    within = 'no';
    when = `committed on ${offense.offenseDate}, before the admission on ${client.admittedOn}`;
  } else {
    const end = addYears(client.admittedOn, 5);
    within = offense.offenseDate <= end ? 'yes' : 'no';
    when =
      within === 'yes'
        ? `committed on ${offense.offenseDate}, within five years after the admission on ${client.admittedOn} (the clock runs to ${end})`
        : `committed on ${offense.offenseDate}, more than five years after the admission on ${client.admittedOn}`;
  }
  const max = offense.maxSentenceDays;
  const possible: Tri = max === null ? 'depends' : max >= ONE_YEAR ? 'yes' : 'no';
  const maxText =
    max === null
      ? 'the maximum possible sentence is not known (for a wobbler, give the grade pleaded)'
      : `the maximum possible sentence is ${days(max)}${max >= ONE_YEAR ? ', a year or more' : ', less than a year'}`;
  const value = all(isCimt.value, within, possible);
  const change =
    value === 'yes'
      ? 'A plea to an offense that is not a CIMT, or whose maximum possible sentence is under a year (364 days), avoids (A)(i).'
      : possible === 'no' && within !== 'no'
        ? `A CIMT with a maximum of a year or more committed before ${client.admittedOn ? addYears(client.admittedOn, 5) : 'the fifth anniversary of admission'} would trigger (A)(i).`
        : '';
  return { value, text: `(A)(i): ${cimtSays(isCimt)}; ${when}; ${maxText}.`, change };
}

/** (ii): is this prior a second CIMT conviction after admission, apart from this offense? */
function priorIsSecondCimt(c: Case, prior: PriorFacts): { value: Tri; text: string } {
  const k = classifyPrior(prior, 'cimt');
  const after: Tri = !c.client.admittedOn ? 'depends' : prior.convictedOn >= c.client.admittedOn ? 'yes' : 'no';
  // Convicted before this offense was committed: the two cannot be one scheme of misconduct.
  const separate: Tri = c.offense.offenseDate && prior.convictedOn < c.offense.offenseDate ? 'yes' : 'depends';
  const value = all(k.value, after, separate);
  const parts = [
    `${describePrior(prior)} is ${cimtSays(k)}`,
    after === 'no'
      ? 'but was convicted before admission'
      : after === 'depends'
        ? 'convicted on a date the admission date cannot be compared with'
        : 'convicted after admission',
    separate === 'yes'
      ? 'before this offense was committed, so not a single scheme'
      : `whether it arises out of the same scheme as this offense is not known (${ADETIBA})`,
  ];
  return { value, text: parts.join(', ') };
}

/** Two priors alone, both CIMTs after admission, already make the client deportable under (ii). */
function priorsAlreadyTwo(c: Case): { value: Tri; text: string } {
  const counted = c.priors.map((p) => ({
    p,
    v: all(
      classifyPrior(p, 'cimt').value,
      !c.client.admittedOn ? 'depends' : p.convictedOn >= c.client.admittedOn ? 'yes' : 'no',
    ),
  }));
  const values: Tri[] = [];
  for (let i = 0; i < counted.length; i++) {
    for (let j = i + 1; j < counted.length; j++) {
      const a = counted[i]!;
      const b = counted[j]!;
      values.push(all(a.v, b.v, a.p.convictedOn !== b.p.convictedOn ? 'yes' : 'depends'));
    }
  }
  const value = values.length ? any(...values) : 'no';
  return {
    value,
    text:
      value === 'no'
        ? ''
        : `The priors alone ${value === 'yes' ? 'already include' : 'may include'} two CIMT convictions after admission (convicted on different dates, so presumably not one scheme).`,
  };
}

/** The parts of CIMT deportability, which mandatory detention also reads ((A)(i) and (ii) count differently there). */
export function cimtDeportability(c: Case) {
  const reach = deportabilityReach(c.client);
  const isCimt = classify(c.offense, 'cimt');
  const fiveYears = cimtWithinFiveYears(c, isCimt);
  const seconds = c.priors.map((p) => priorIsSecondCimt(c, p));
  const priorsTwo = priorsAlreadyTwo(c);
  const two = any(all(isCimt.value, seconds.length ? any(...seconds.map((s) => s.value)) : 'no'), priorsTwo.value);
  return {
    reach,
    isCimt,
    fiveYears: { ...fiveYears, value: all(reach.value, fiveYears.value) },
    seconds,
    priorsTwo,
    two: all(reach.value, two),
  };
}

/** INA § 237(a)(2)(A)(i) and (ii): CIMT deportability, for admitted noncitizens only. */
export function cimtDeportable(c: Case): Finding {
  const { reach, isCimt, fiveYears, seconds, priorsTwo, two } = cimtDeportability(c);
  const authorities = [CIMT_FIVE_YEARS_RULE, CIMT_TWO_RULE, ...isCimt.authorities];
  if (reach.value === 'no') {
    return finding(
      'cimt_deportable',
      CIMT_TWO_RULE,
      {
        outcome: 'no',
        reason: reach.text,
        whatWouldChange:
          'Nothing in the plea: the deportability grounds need an admission (see the inadmissibility findings).',
      },
      authorities,
    );
  }
  const value = any(fiveYears.value, two);
  const twoText =
    seconds.length === 0
      ? '(A)(ii): no prior conviction, so this would be the only CIMT after admission.'
      : `(A)(ii): ${seconds.map((s) => s.text).join('; ')}${two === 'yes' ? ' — two CIMTs not arising out of a single scheme, any time after admission.' : '.'}`;
  const rule =
    value === 'no'
      ? 'INA § 237(a)(2)(A)(i), (ii)'
      : two === 'yes' && fiveYears.value !== 'yes'
        ? CIMT_TWO_RULE
        : CIMT_FIVE_YEARS_RULE;
  const reason = [
    sentence(isCimt.why),
    reach.value === 'yes' ? '' : reach.text,
    fiveYears.text,
    twoText,
    priorsTwo.text,
  ]
    .filter(Boolean)
    .join(' ');
  const change =
    value === 'no'
      ? `${fiveYears.change} Any second CIMT conviction after admission, at any time, would make the client deportable under (A)(ii).`.trim()
      : isCimt.value === 'yes'
        ? fiveYears.value === 'yes'
          ? fiveYears.change
          : 'A plea to an offense that is not a CIMT.'
        : isCimt.decide || 'Whether the offense is a CIMT.';
  return finding('cimt_deportable', rule, { outcome: value, reason, whatWouldChange: change }, [
    ...authorities,
    ALYAZJI,
    ...(seconds.length ? [ADETIBA] : []),
  ]);
}

/** Other CIMTs in the client's record (any time, admitted or not): the petty offense exception allows only one. */
function otherCimts(c: Case): { value: Tri; text: string } {
  if (c.priors.length === 0) return { value: 'no', text: 'no prior conviction' };
  const ks = c.priors.map((p) => ({ p, k: classifyPrior(p, 'cimt') }));
  const value = any(...ks.map((x) => x.k.value));
  return {
    value,
    text: ks.map((x) => `${describePrior(x.p)} is ${cimtSays(x.k)}`).join('; '),
  };
}

/** The three conditions of the petty offense exception for this plea. */
export function pettyOffense(c: Case): { value: Tri; text: string; change: string } {
  const others = otherCimts(c);
  const only: Tri = others.value === 'yes' ? 'no' : others.value === 'no' ? 'yes' : others.value;
  const max = c.offense.maxSentenceDays;
  const maxOk: Tri = max === null ? 'depends' : max <= ONE_YEAR ? 'yes' : 'no';
  const s = c.offense.sentenceDays;
  const imposedOk: Tri =
    s === null ? 'depends' : s <= SIX_MONTHS_SURE ? 'yes' : s > SIX_MONTHS_LONGEST ? 'no' : 'depends';
  const value = all(only, maxOk, imposedOk);
  const text = [
    only === 'yes'
      ? 'only one CIMT (no other in the record)'
      : only === 'no'
        ? `not the only CIMT (${others.text})`
        : `possibly not the only CIMT (${others.text})`,
    max === null
      ? 'maximum possible sentence not known'
      : `maximum possible ${days(max)} (${max <= ONE_YEAR ? 'a year or less' : 'over a year'})`,
    s === null
      ? 'sentence imposed not given'
      : `imposed ${describeSentence(s)} (${s <= SIX_MONTHS_SURE ? 'six months or less' : s > SIX_MONTHS_LONGEST ? 'over six months' : 'at the edge of six months: keep it to 180 days'})`,
  ].join('; ');
  const changes: string[] = [];
  if (value === 'yes')
    changes.push(
      'A sentence over six months (over 180 days, counting suspended time) or a second CIMT would end the exception.',
    );
  if (imposedOk !== 'yes' && s !== null) changes.push('A sentence of 180 days or less, counting suspended time.');
  if (maxOk === 'no') changes.push('A plea to an offense with a maximum of a year or less (e.g. a misdemeanor).');
  if (only === 'no')
    changes.push(
      'It cannot apply with another CIMT in the record; a plea to an offense that is not a CIMT avoids needing it.',
    );
  if (only === 'depends' || only === 'unknown')
    changes.push(`Whether the prior convictions are CIMTs (${others.text}).`);
  if (maxOk === 'depends') changes.push('The maximum possible sentence (for a wobbler, the grade pleaded).');
  if (s === null) changes.push('The sentence imposed (six months or less, counting suspended time).');
  return { value, text, change: changes.join(' ') };
}

/** INA § 212(a)(2)(A)(ii)(II): the petty offense exception ("yes" = it saves the client from CIMT inadmissibility). */
export function pettyOffenseException(c: Case): Finding {
  const isCimt = classify(c.offense, 'cimt');
  const poe = pettyOffense(c);
  const relevance =
    isCimt.value === 'no'
      ? ' The entry says the offense is not a CIMT, so the exception is not needed for it.'
      : ' It answers CIMT inadmissibility only; it does not apply to deportability.';
  return finding(
    'petty_offense_exception',
    PETTY_OFFENSE_RULE,
    { outcome: poe.value, reason: `Petty offense exception: ${poe.text}.${relevance}`, whatWouldChange: poe.change },
    [GARCIA_HERNANDEZ],
  );
}

/** INA § 212(a)(2)(A)(i)(I): CIMT inadmissibility, for everyone, unless the petty offense exception applies. */
export function cimtInadmissible(c: Case): Finding {
  const isCimt = classify(c.offense, 'cimt');
  const poe = pettyOffense(c);
  const saved: Tri = poe.value === 'yes' ? 'no' : poe.value === 'no' ? 'yes' : poe.value;
  const value = all(isCimt.value, saved);
  const poeText =
    isCimt.value === 'no'
      ? ''
      : ` Petty offense exception (${PETTY_OFFENSE_RULE}): ${poe.text} — ${poe.value === 'yes' ? 'it applies' : poe.value === 'no' ? 'it does not apply' : 'it may or may not apply'}.`;
  const change =
    value === 'no' && isCimt.value !== 'no'
      ? poe.change
      : value === 'no'
        ? ''
        : [isCimt.value === 'yes' ? 'A plea to an offense that is not a CIMT.' : isCimt.decide, poe.change]
            .filter(Boolean)
            .join(' ');
  return finding(
    'cimt_inadmissible',
    CIMT_INADMISSIBLE_RULE,
    {
      outcome: value,
      reason: `${sentence(isCimt.why)}${poeText} ${inadmissibilityRelevance(c.client)}`,
      whatWouldChange: change,
    },
    [PETTY_OFFENSE_RULE, ...isCimt.authorities, GARCIA_HERNANDEZ],
  );
}
