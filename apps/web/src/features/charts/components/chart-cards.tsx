import {
  CONSEQUENCE_COLUMN_CODES,
  CONSEQUENCE_COLUMN_SHORT,
  formatSentenceDays,
  type OffenseEntryRow,
} from '@kb/contracts';
import { Link } from 'react-router';
import { FollowButton } from '../../alerts';
import { AssessmentCell } from './assessment-cell';
import styles from './chart.module.css';
import { GRADE_LABELS } from './chart-table';
import { RowReview } from './row-review';
import { SaferAlternatives } from './safer-alternatives';

/** One row as a card: every column of the table, labelled, nothing cut off. */
export function ChartCard({ row, headingLevel = 2 }: { row: OffenseEntryRow; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className={styles.card} aria-labelledby={`card-${row.id}`}>
      <Heading id={`card-${row.id}`} className={styles.cardTitle}>
        <Link to={row.path}>{row.data.offenseName}</Link>
      </Heading>
      <p className={styles.cardStatutes}>{row.data.statutes.join('; ')}</p>
      <p className={styles.cardMeta}>
        <RowReview row={row} />
      </p>
      <p className={styles.cardMeta}>
        {GRADE_LABELS[row.data.grade]} · Max. {formatSentenceDays(row.data.maxSentenceDays)}
      </p>
      <FollowButton
        kind="offense"
        target={row.id}
        label={`${row.data.offenseName}, ${row.data.statutes.join('; ')}`}
        className={styles.rowFollow}
        small
      />
      <dl className={styles.cardGrid}>
        {CONSEQUENCE_COLUMN_CODES.map((column) => (
          <div key={column} className={styles.cardItem}>
            <dt>{CONSEQUENCE_COLUMN_SHORT[column]}</dt>
            <dd>
              <AssessmentCell column={column} assessment={row.data.assessments[column]} />
            </dd>
          </div>
        ))}
        <div className={`${styles.cardItem} ${styles.cardWide}`}>
          <dt>Safer alternatives</dt>
          <dd>
            <SaferAlternatives alternatives={row.saferAlternatives} />
          </dd>
        </div>
      </dl>
    </article>
  );
}

/** The chart at phone width: a list of cards in the table's order. */
export function ChartCards({ rows, label }: { rows: OffenseEntryRow[]; label: string }) {
  return (
    <ol className={styles.cards} aria-label={label}>
      {rows.map((row) => (
        <li key={row.id}>
          <ChartCard row={row} />
        </li>
      ))}
    </ol>
  );
}
