import type { Finding } from '@kb/contracts';
import { assessmentOf, type Case, days, isMarijuana, type OffenseFacts, type PriorFacts } from '../facts';
import { all, any, describePrior, finding, priorOffense, type Tri } from './common';

export const DACA_RULE = '8 C.F.R. § 236.22(b)(6)';
export const TPS_RULE = '8 C.F.R. § 244.4(a)';
const DACA_RULE_NOTICE = 'Deferred Action for Childhood Arrivals, 87 Fed. Reg. 53152 (Aug. 30, 2022)';
const TPS_DEFINITIONS = '8 C.F.R. § 244.1';
const TPS_STATUTE = 'INA § 244(c)(2)';
const ONE_YEAR = 365;
const DACA_CUSTODY_DAYS = 90;

type Kind = { felony: Tri; misdemeanor: Tri; text: string };

/**
 * The federal definitions, not the state's label: a felony is punishable by more than a year; a
 * misdemeanor by a year or less and more than five days (DACA and TPS alike). For TPS, a state
 * misdemeanor with a sentence of a year or less stays a misdemeanor (8 C.F.R. § 244.1).
 */
function kindOf(o: OffenseFacts | null, label: string, forTps: boolean): Kind {
  if (!o) return { felony: 'unknown', misdemeanor: 'unknown', text: `${label}: no entry, grade unknown` };
  const max = o.maxSentenceDays;
  if (max === null) {
    if (o.grade === 'felony') return { felony: 'yes', misdemeanor: 'no', text: `${label}: a felony` };
    if (o.grade === 'infraction') return { felony: 'no', misdemeanor: 'no', text: `${label}: an infraction` };
    if (o.grade === 'misdemeanor') return { felony: 'no', misdemeanor: 'yes', text: `${label}: a misdemeanor` };
    return { felony: 'depends', misdemeanor: 'depends', text: `${label}: a wobbler, the grade pleaded is not given` };
  }
  if (max <= 5)
    return {
      felony: 'no',
      misdemeanor: 'no',
      text: `${label}: punishable by ${days(max)} at most, neither felony nor misdemeanor`,
    };
  if (max <= ONE_YEAR)
    return { felony: 'no', misdemeanor: 'yes', text: `${label}: a misdemeanor (maximum ${days(max)})` };
  if (forTps && o.grade === 'misdemeanor') {
    const s = o.sentenceDays;
    if (s !== null && s <= ONE_YEAR) {
      return {
        felony: 'no',
        misdemeanor: 'yes',
        text: `${label}: a state misdemeanor punishable by more than a year, treated as a misdemeanor because the sentence imposed is a year or less`,
      };
    }
    if (s === null)
      return {
        felony: 'depends',
        misdemeanor: 'depends',
        text: `${label}: a state misdemeanor punishable by more than a year; it is a felony for TPS unless the sentence imposed is a year or less`,
      };
  }
  return {
    felony: 'yes',
    misdemeanor: 'no',
    text: `${label}: a felony (punishable by ${days(max)}, more than a year)`,
  };
}

/** Three or more (DACA) or two or more (TPS) misdemeanors, counting the possible ones apart. */
function countAtLeast(values: Tri[], n: number): Tri {
  const sure = values.filter((v) => v === 'yes').length;
  const possible = values.filter((v) => v !== 'no').length;
  if (sure >= n) return 'yes';
  if (possible < n) return 'no';
  return values.includes('unknown') ? 'unknown' : 'depends';
}

/** A DACA "significant misdemeanor": by its kind (as the entry says), or more than 90 days in custody. */
function significant(o: OffenseFacts): { value: Tri; text: string } {
  const a = assessmentOf(o.data, 'daca_bar');
  let byKind: Tri;
  if (a.outcome === 'no') byKind = 'no';
  else if (a.outcome === 'unclear') byKind = 'unknown';
  // "Significant only with more than 90 days in custody": the custody rule below decides it.
  else if (a.outcome === 'depends') byKind = a.condition?.sentenceDaysAtLeast !== undefined ? 'no' : 'depends';
  // A "yes" on a felony or wobbler entry may be the felony talking: it decides only if it names the misdemeanor.
  else byKind = o.data.grade === 'misdemeanor' || /significant misdemeanor/i.test(a.summary) ? 'yes' : 'depends';
  const s = o.sentenceDays;
  const custody: Tri = s === null ? 'depends' : s <= DACA_CUSTODY_DAYS ? 'no' : 'depends';
  const value = any(byKind, custody);
  const kindText =
    byKind === 'yes'
      ? `a significant misdemeanor by its kind (the entry: “${a.summary}”)`
      : byKind === 'no'
        ? 'not a significant misdemeanor by its kind (domestic violence, sexual abuse, burglary, firearm, drug distribution, DUI)'
        : `possibly a significant misdemeanor by its kind (the entry: ${a.outcome} — “${a.summary}”)`;
  const custodyText =
    s === null
      ? 'the sentence is not given (more than 90 days in custody makes any misdemeanor significant)'
      : s <= DACA_CUSTODY_DAYS
        ? `the sentence of ${days(s)} is not more than 90 days`
        : `the sentence of ${days(s)} exceeds 90 days: significant if more than 90 of them are in custody (suspended time does not count)`;
  return { value, text: `${kindText}; ${custodyText}` };
}

function priorsFor(c: Case, forTps: boolean) {
  return c.priors.map((p: PriorFacts) => ({
    p,
    kind: kindOf(priorOffense(p), describePrior(p), forTps),
    o: priorOffense(p),
  }));
}

/** DACA: no felony, no significant misdemeanor, no three or more other misdemeanors (8 C.F.R. § 236.22(b)(6)). */
export function dacaBar(c: Case): Finding {
  const me = kindOf(c.offense, 'This plea', false);
  const sig = me.misdemeanor === 'no' ? { value: 'no' as Tri, text: '' } : significant(c.offense);
  const priors = priorsFor(c, false);
  const priorSig = priors.map((x) => (x.o ? all(x.kind.misdemeanor, significant(x.o).value) : ('unknown' as Tri)));
  const priorBar = priors.length ? any(...priors.map((x) => x.kind.felony), ...priorSig) : 'no';
  const plainMisdemeanors = [
    all(me.misdemeanor, sig.value === 'yes' ? 'no' : 'yes'),
    ...priors.map((x, i) => all(x.kind.misdemeanor, priorSig[i] === 'yes' ? 'no' : 'yes')),
  ];
  const three = countAtLeast(plainMisdemeanors, 3);
  const value = any(me.felony, all(me.misdemeanor, sig.value), priorBar, three);
  const reason = [
    `${me.text}.`,
    sig.text ? `As a misdemeanor: ${sig.text}.` : '',
    priors.length ? `Priors: ${priors.map((x) => x.kind.text).join('; ')}.` : '',
    three !== 'no' ? `Three or more misdemeanors (not on the same date or from the same act): ${three}.` : '',
    c.client.status === 'daca'
      ? ''
      : 'These bars matter to a DACA request or renewal; the client is not recorded as a DACA recipient.',
  ]
    .filter(Boolean)
    .join(' ');
  const change =
    value === 'no'
      ? 'A felony, a significant misdemeanor (including any misdemeanor with more than 90 days in custody) or a third misdemeanor would bar DACA.'
      : 'A plea to a non-significant misdemeanor with 90 days or less in custody, or to an infraction; DACA adjudicators also weigh public safety as a matter of discretion.';
  return finding('daca_bar', DACA_RULE, { outcome: value, reason, whatWouldChange: change }, [
    DACA_RULE_NOTICE,
    ...assessmentOf(c.offense.data, 'daca_bar').authorities,
  ]);
}

/** The as-if-convicted findings the TPS bars also reach through (particularly serious crime, inadmissibility). */
export interface TpsInputs {
  aggravatedFelony: Tri;
  cimtInadmissible: Tri;
  controlledSubstanceInadmissible: Tri;
}

/**
 * TPS: ineligible after a felony or two or more misdemeanors (INA § 244(c)(2)(B)(i); 8 C.F.R.
 * § 244.4(a)), after a particularly serious crime — every aggravated felony is one
 * (§ 244(c)(2)(B)(ii), § 208(b)(2)(B)(i)) — and when inadmissible under § 212(a)(2)(A), which
 * cannot be waived for TPS (§ 244(c)(2)(A)(iii)).
 */
export function tpsBar(c: Case, f: TpsInputs): Finding {
  const me = kindOf(c.offense, 'This plea', true);
  const priors = priorsFor(c, true);
  const priorFelony = priors.length ? any(...priors.map((x) => x.kind.felony)) : 'no';
  const two = countAtLeast([me.misdemeanor, ...priors.map((x) => x.kind.misdemeanor)], 2);
  // The drug ground can be waived for TPS only for a single possession of 30 g or less of marijuana.
  const q = c.offense.quantityGrams;
  const waivableDrug = isMarijuana(c.offense.drug) && q !== null && q <= 30;
  const drug: Tri =
    waivableDrug && f.controlledSubstanceInadmissible === 'yes' ? 'depends' : f.controlledSubstanceInadmissible;
  const value = any(me.felony, priorFelony, two, f.aggravatedFelony, f.cimtInadmissible, drug);
  const reason = [
    `${me.text}.`,
    priors.length ? `Priors: ${priors.map((x) => x.kind.text).join('; ')}.` : '',
    `Two or more misdemeanors: ${two}.`,
    f.aggravatedFelony !== 'no'
      ? `An aggravated felony is a particularly serious crime, which bars TPS (aggravated felony: ${f.aggravatedFelony}).`
      : '',
    f.cimtInadmissible !== 'no' || f.controlledSubstanceInadmissible !== 'no'
      ? `Inadmissibility for a CIMT or a drug offense cannot be waived for TPS (CIMT: ${f.cimtInadmissible}; drug: ${f.controlledSubstanceInadmissible}${waivableDrug ? ', though a single possession of 30 g or less of marijuana can be waived' : ''}).`
      : '',
    c.client.status === 'tps'
      ? ''
      : 'These bars matter to a TPS application; the client is not recorded as a TPS holder.',
  ]
    .filter(Boolean)
    .join(' ');
  const change =
    value === 'no'
      ? 'A felony, a second misdemeanor, an aggravated felony, or a CIMT outside the petty offense exception would bar TPS.'
      : 'A plea to an infraction or an offense punishable by five days or less, with no other misdemeanor in the record.';
  return finding('tps_bar', TPS_RULE, { outcome: value, reason, whatWouldChange: change }, [
    TPS_STATUTE,
    TPS_DEFINITIONS,
    ...assessmentOf(c.offense.data, 'tps_bar').authorities,
  ]);
}
