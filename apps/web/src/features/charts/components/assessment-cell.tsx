import type { Assessment, ConsequenceColumn } from '@kb/contracts';
import { jurisdictionLabel } from '../../../components/ui/labels';
import styles from './chart.module.css';
import { OutcomeBadge } from './outcome-badge';

/** INA § 101(a)(43)(F) and (U) — the aggravated felony subparagraphs an answer rests on. */
export const subparagraphText = (subparagraphs: string[]) =>
  subparagraphs.length === 0 ? '' : `INA § 101(a)(43)${subparagraphs.map((s) => `(${s})`).join('')}`;

/** A circuit code (`cir-9`) or the Board (`bia`) as people say it. */
export const circuitLabel = (code: string) => (code === 'bia' ? 'BIA' : jurisdictionLabel(code));

/** One chart cell: the outcome in words, then the chart's sentence saying when and why. */
export function AssessmentCell({
  column,
  assessment,
}: {
  column: ConsequenceColumn;
  assessment: Assessment | undefined;
}) {
  if (!assessment) {
    return (
      <div className={styles.cell}>
        <OutcomeBadge outcome="unclear" />
        <span className={styles.cellText}>Not assessed yet.</span>
      </div>
    );
  }
  const subparagraphs = column === 'aggravated_felony' ? subparagraphText(assessment.subparagraphs ?? []) : '';
  return (
    <div className={styles.cell}>
      <OutcomeBadge outcome={assessment.outcome} />
      {assessment.summary ? <span className={styles.cellText}>{assessment.summary}</span> : null}
      {subparagraphs ? <span className={styles.cellCite}>{subparagraphs}</span> : null}
      {assessment.circuitNotes?.length ? (
        <span className={styles.cellCite}>
          Circuits differ: {assessment.circuitNotes.map((n) => circuitLabel(n.circuit)).join(', ')}
        </span>
      ) : null}
    </div>
  );
}
