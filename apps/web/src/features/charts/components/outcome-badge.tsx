import { type AssessmentOutcome, OUTCOME_LABELS } from '@kb/contracts';
import styles from './outcome-badge.module.css';

/** Filled: the consequence applies; empty: it does not; half: it depends; ?: the law is unsettled. */
const SYMBOLS: Record<AssessmentOutcome, string> = { yes: '●', no: '○', depends: '◐', unclear: '?' };

/** A chart cell's answer, in words (never colour alone). */
export function OutcomeBadge({ outcome }: { outcome: AssessmentOutcome }) {
  return (
    <span className={`${styles.badge} ${styles[outcome]}`}>
      <span className={styles.symbol} aria-hidden="true">
        {SYMBOLS[outcome]}
      </span>
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}
