import type { AssessmentCondition, ConsequenceColumn } from '@kb/contracts';
import { assessmentOf, days, describeSentence, type OffenseFacts, sentence } from './facts';

/** What an entry's column says about this plea, with its numeric condition decided where the inputs allow. */
export interface Classification {
  value: 'yes' | 'no' | 'depends' | 'unknown';
  /** The entry's words and how the condition came out. */
  why: string;
  /** What would decide it (for depends/unknown) or change it. */
  decide: string;
  authorities: string[];
}

/** Words by which an entry says its answer turns on the record or on the circuit as well. */
const MORE_THAN_THE_NUMBER =
  /\bnot (a )?categorical|\bnot categorically\b|\bmodified categorical\b|\bif the record\b|\brecord (of conviction )?(shows|showing|must)\b|\bmay be\b|\boutside the [a-z]+ circuit\b/i;

type Part = { value: 'yes' | 'no' | 'missing'; text: string; decide: string; change: string };

/**
 * Reads one consequence column of the entry for this plea. `yes`/`no` stand; `unclear` (or a
 * missing column) is `unknown` — never `no`; `depends` is decided by its structured condition
 * when the plea's facts are given (a condition's parts are alternatives: any met makes it
 * `yes`), and stays `depends` when the condition is only in words or a fact is missing.
 */
export function classify(
  offense: OffenseFacts,
  column: ConsequenceColumn,
  statutory: AssessmentCondition = {},
): Classification {
  const assessment = assessmentOf(offense.data, column);
  const notes = (assessment.circuitNotes ?? []).map((n) => ` (${n.circuit}: ${n.note})`).join('');
  const says = `The entry says: ${assessment.outcome}${assessment.summary ? ` — “${assessment.summary}”` : ''}${notes}`;
  const authorities = assessment.authorities;
  if (assessment.outcome === 'no') return { value: 'no', why: says, decide: '', authorities };
  if (assessment.outcome === 'unclear') {
    return {
      value: 'unknown',
      why: `${says}. The law is unsettled, so this cannot be answered as safe.`,
      decide: `A controlling decision on the unsettled question${offense.data.saferAlternatives.length ? `, or a plea to a safer alternative (${offense.data.saferAlternatives.map((s) => s.statute).join('; ')})` : ''}.`,
      authorities,
    };
  }
  // The statute's own thresholds fill in what the entry leaves out; the entry's numbers win.
  const condition: AssessmentCondition | null =
    assessment.condition || Object.keys(statutory).length ? { ...statutory, ...(assessment.condition ?? {}) } : null;
  const parts: Part[] = [];
  if (condition?.sentenceDaysAtLeast !== undefined) {
    const at = condition.sentenceDaysAtLeast;
    const s = offense.sentenceDays;
    parts.push(
      s === null
        ? {
            value: 'missing',
            text: `it turns on a sentence of ${days(at)} or more`,
            decide: 'the sentence imposed (counting suspended time)',
            change: '',
          }
        : s >= at
          ? {
              value: 'yes',
              text: `the sentence of ${describeSentence(s)} is at least ${days(at)}`,
              decide: '',
              change: `A sentence of ${days(at - 1)} or less, counting suspended time, would avoid it.`,
            }
          : {
              value: 'no',
              text: `the sentence of ${describeSentence(s)} is below ${days(at)}`,
              decide: '',
              change: `A sentence of ${days(at)} or more, counting suspended time, would trigger it.`,
            },
    );
  }
  if (condition?.lossOver !== undefined) {
    const over = condition.lossOver;
    const loss = offense.lossAmount;
    parts.push(
      loss === null
        ? {
            value: 'missing',
            text: `it turns on a loss over ${dollars(over)}`,
            decide:
              'the loss to the victim (proved from the sentencing record, not the elements: Nijhawan v. Holder, 557 U.S. 29 (2009))',
            change: '',
          }
        : loss > over
          ? {
              value: 'yes',
              text: `the loss of ${dollars(loss)} exceeds ${dollars(over)}`,
              decide: '',
              change: `A record (plea, restitution order) fixing the loss at ${dollars(over)} or less would avoid it.`,
            }
          : {
              value: 'no',
              text: `the loss of ${dollars(loss)} does not exceed ${dollars(over)}`,
              decide: '',
              change: `A loss over ${dollars(over)} in the record (including a restitution order) would trigger it.`,
            },
    );
  }
  if (condition?.quantityGramsOver !== undefined) {
    const over = condition.quantityGramsOver;
    const q = offense.quantityGrams;
    parts.push(
      q === null
        ? { value: 'missing', text: `it turns on a quantity over ${over} g`, decide: 'the drug quantity', change: '' }
        : q > over
          ? {
              value: 'yes',
              text: `the quantity of ${q} g exceeds ${over} g`,
              decide: '',
              change: `A record showing ${over} g or less would avoid it.`,
            }
          : {
              value: 'no',
              text: `the quantity of ${q} g does not exceed ${over} g`,
              decide: '',
              change: `A quantity over ${over} g in the record would trigger it.`,
            },
    );
  }
  if (parts.length === 0) {
    if (assessment.outcome === 'yes') return { value: 'yes', why: says, decide: '', authorities };
    return {
      value: 'depends',
      why: says,
      decide: sentence(`The facts or record the entry names: ${assessment.summary || 'see the entry'}`),
      authorities,
    };
  }
  const explained = `${says}; ${parts.map((p) => p.text).join('; ')}`;
  const met = parts.some((p) => p.value === 'yes');
  if (met) {
    const change = parts
      .filter((p) => p.value === 'yes')
      .map((p) => p.change)
      .join(' ');
    // A "depends" whose words say it turns on more than the number (the record, a circuit
    // split) stays "depends" when the number is met: the met condition is necessary, not enough.
    if (assessment.outcome === 'depends' && MORE_THAN_THE_NUMBER.test(assessment.summary)) {
      return {
        value: 'depends',
        why: `${explained}; but the entry says it also turns on more than that`,
        decide: `${change} Beyond the number: ${assessment.summary}`,
        authorities,
      };
    }
    return { value: 'yes', why: explained, decide: change, authorities };
  }
  const missing = parts.filter((p) => p.value === 'missing');
  if (missing.length > 0) {
    return {
      value: 'depends',
      why: explained,
      decide: `Depends on ${missing.map((p) => p.decide).join(' and ')}.`,
      authorities,
    };
  }
  return { value: 'no', why: explained, decide: parts.map((p) => p.change).join(' '), authorities };
}

const dollars = (n: number) => `$${n.toLocaleString('en-US')}`;
