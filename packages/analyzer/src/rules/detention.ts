import type { Finding } from '@kb/contracts';
import { assessmentOf, type Case } from '../facts';
import { all, any, finding, statusLabel, type Tri } from './common';

export const DETENTION_RULE = 'INA § 236(c)(1)';
export const LAKEN_RILEY_RULE = 'INA § 236(c)(1)(E)';
const LAKEN_RILEY_ACT = 'Laken Riley Act, Pub. L. No. 119-1 (2025)';
const PREAP = 'Nielsen v. Preap, 586 U.S. 392 (2019)';
const YAJURE_HURTADO = 'Matter of Yajure Hurtado, 29 I&N Dec. 216 (BIA 2025)';

/** The as-if-convicted findings detention is built from. */
export interface DetentionInputs {
  aggravatedFelony: Tri;
  /** § 237(a)(2)(A)(i) alone (it counts only with a sentence of a year). */
  cimtFiveYears: Tri;
  /** § 237(a)(2)(A)(ii). */
  cimtTwo: Tri;
  cimtInadmissible: Tri;
  controlledSubstanceDeportable: Tri;
  controlledSubstanceInadmissible: Tri;
  firearmDeportable: Tri;
}

// The offenses § 236(c)(1)(E)(ii) names by kind; an entry whose name says one of them is one.
const LISTED_BY_NAME = /\b(theft|burglary|larceny|shoplifting)\b/i;
const NAMES_E = /236\s*\(c\)\s*\(1\)\s*\(E\)|laken\s+riley/i;

/**
 * Is the offense one § 236(c)(1)(E) lists — burglary, theft, larceny, shoplifting, assault of a
 * law enforcement officer, or a crime resulting in death or serious bodily injury? An entry says
 * so by naming subparagraph (E) in its mandatory-detention column, or by being named for a
 * listed offense (theft, burglary, larceny, shoplifting); a column that discusses (E) without
 * either leaves it to the facts (serious bodily injury, "theft" read broadly).
 */
export function lakenRileyOffense(c: Case): { value: Tri; text: string } {
  const md = assessmentOf(c.offense.data, 'mandatory_detention');
  const name = c.offense.data.offenseName;
  if (md.outcome === 'unclear') {
    return { value: 'unknown', text: `Whether the offense is one § 236(c)(1)(E) lists is unclear: “${md.summary}”` };
  }
  if ((md.subparagraphs ?? []).includes('E')) {
    return md.outcome === 'depends'
      ? { value: 'depends', text: `The entry lists it under § 236(c)(1)(E) depending on the facts: “${md.summary}”` }
      : { value: md.outcome === 'no' ? 'no' : 'yes', text: `The entry lists it under § 236(c)(1)(E): “${md.summary}”` };
  }
  if (LISTED_BY_NAME.test(name)) {
    return {
      value: 'yes',
      text: `${name} is an offense § 236(c)(1)(E)(ii) lists (burglary, theft, larceny, shoplifting).`,
    };
  }
  if (md.outcome !== 'no' && NAMES_E.test(`${md.summary} ${md.authorities.join(' ')}`)) {
    return {
      value: 'depends',
      text: `Whether § 236(c)(1)(E) reaches this offense depends on the facts charged: “${md.summary}”`,
    };
  }
  return {
    value: 'no',
    text: 'Not an offense § 236(c)(1)(E) lists (burglary, theft, larceny, shoplifting, assault of a law enforcement officer, a crime resulting in death or serious bodily injury).',
  };
}

/** § 236(c)(1)(E)(i): inadmissible under § 212(a)(6)(A) (present without admission), (6)(C) or (7). */
function inadmissibleWithoutAdmission(c: Case): { value: Tri; text: string } {
  const { client } = c;
  if (client.status === 'lpr' || client.status === 'refugee' || client.status === 'nonimmigrant') {
    return {
      value: 'no',
      text: `The client (${statusLabel(client)}) was admitted, so not inadmissible under § 212(a)(6)(A); (E) would reach them only for fraud or misrepresentation (§ 212(a)(6)(C)).`,
    };
  }
  if (client.enteredWithoutInspection === true) {
    if (client.status === 'tps') {
      return {
        value: 'depends',
        text: 'The client entered without inspection (§ 212(a)(6)(A)), but a TPS holder may not be detained on the basis of immigration status while TPS lasts (INA § 244(d)(4)); it turns on whether TPS is withdrawn.',
      };
    }
    if (client.status === 'asylee') {
      return {
        value: 'depends',
        text: 'The client entered without inspection (§ 212(a)(6)(A)), but an asylee cannot be removed unless asylum is terminated (INA § 208(c)(2)).',
      };
    }
    return { value: 'yes', text: 'The client entered without inspection: inadmissible under § 212(a)(6)(A)(i).' };
  }
  if (client.admission === 'admitted') {
    return {
      value: 'no',
      text: 'The client was admitted, so not inadmissible under § 212(a)(6)(A); (E) would reach them only for fraud or misrepresentation (§ 212(a)(6)(C)).',
    };
  }
  return {
    value: 'depends',
    text: 'Whether the client entered without inspection (§ 212(a)(6)(A)) is not given.',
  };
}

/**
 * INA § 236(c)(1): detention without bond on release from criminal custody (Nielsen v. Preap).
 * (A) inadmissible for a § 212(a)(2) offense; (B) deportable under § 237(a)(2)(A)(ii), (A)(iii),
 * (B), (C) or (D); (C) deportable under (A)(i) with a sentence of at least a year; and (E), from
 * the Laken Riley Act (2025): inadmissible under § 212(a)(6)(A), (6)(C) or (7) and charged with,
 * arrested for, convicted of or admitting one of the listed offenses — a charge is enough.
 */
export function mandatoryDetention(c: Case, f: DetentionInputs): Finding {
  const notAdmitted: Tri =
    c.client.admission === 'not_admitted' ? 'yes' : c.client.admission === 'admitted' ? 'no' : 'depends';
  const a = all(notAdmitted, any(f.cimtInadmissible, f.controlledSubstanceInadmissible));
  const b = any(f.cimtTwo, f.aggravatedFelony, f.controlledSubstanceDeportable, f.firearmDeportable);
  const s = c.offense.sentenceDays;
  const yearSentence: Tri = s === null ? 'depends' : s >= 365 ? 'yes' : 'no';
  const cc = all(f.cimtFiveYears, yearSentence);
  const convictionBased = any(a, b, cc);
  const charged = c.offense.stage === 'charged';
  const onConviction: Tri = charged && convictionBased !== 'no' ? 'depends' : convictionBased;
  const lraOffense = lakenRileyOffense(c);
  const lraStatus = inadmissibleWithoutAdmission(c);
  const e = all(lraStatus.value, lraOffense.value);
  const value = any(onConviction, e);

  const lines: string[] = [];
  if (e !== 'no') {
    lines.push(
      `§ 236(c)(1)(E): ${lraStatus.text} ${lraOffense.text}${e === 'yes' ? ` — ${charged ? 'the charge alone' : 'the conviction'} triggers detention without bond.` : ''}`,
    );
  } else if (lraOffense.value !== 'no') {
    lines.push(`§ 236(c)(1)(E) does not reach this client. ${lraStatus.text}`);
  }
  const parts: string[] = [];
  if (a !== 'no') parts.push(`(A) inadmissible for a § 212(a)(2) offense: ${a}`);
  if (b !== 'no') parts.push(`(B) deportable for two CIMTs, an aggravated felony, a drug or a firearm offense: ${b}`);
  if (cc !== 'no') parts.push(`(C) deportable under § 237(a)(2)(A)(i) with a sentence of a year or more: ${cc}`);
  lines.push(
    parts.length
      ? `${charged ? 'If convicted: ' : ''}${parts.join('; ')}.`
      : 'No conviction-based trigger ((A)–(C)): not a § 212(a)(2) inadmissibility offense for a client not admitted, not deportable for two CIMTs, an aggravated felony, a drug or firearm offense, and no (A)(i) CIMT with a year’s sentence.',
  );
  if (c.client.enteredWithoutInspection === true) {
    lines.push(
      `Apart from § 236(c), the Board of Immigration Appeals holds that a noncitizen who entered without inspection is an applicant for admission detained without bond under INA § 235(b)(2)(A) (${YAJURE_HURTADO}); many federal district courts have rejected that reading.`,
    );
  }
  const change =
    e === 'yes'
      ? `For a client who entered without inspection, a charge of theft, burglary, larceny or shoplifting is itself the trigger: only a charge (or plea) to an offense outside § 236(c)(1)(E)'s list avoids it.`
      : value === 'no'
        ? 'A conviction that makes the client deportable for an aggravated felony, two CIMTs, a drug or firearm offense, or (if not admitted) inadmissible for a CIMT or drug offense.'
        : 'A plea that removes the underlying ground (see the other findings).';
  return finding(
    'mandatory_detention',
    e === 'yes'
      ? LAKEN_RILEY_RULE
      : a === 'yes'
        ? `${DETENTION_RULE}(A)`
        : b === 'yes'
          ? `${DETENTION_RULE}(B)`
          : cc === 'yes'
            ? `${DETENTION_RULE}(C)`
            : DETENTION_RULE,
    { outcome: value, reason: lines.join(' '), whatWouldChange: change },
    [
      DETENTION_RULE,
      ...(lraOffense.value !== 'no' || e !== 'no' ? [LAKEN_RILEY_RULE, LAKEN_RILEY_ACT] : []),
      PREAP,
      ...(c.client.enteredWithoutInspection === true ? ['INA § 235(b)(2)(A)', YAJURE_HURTADO] : []),
      ...assessmentOf(c.offense.data, 'mandatory_detention').authorities,
    ],
  );
}
