import {
  CONSEQUENCE_COLUMN_CODES,
  CONSEQUENCE_COLUMN_SHORT,
  formatSentenceDays,
  JURISDICTIONS,
  type OffenseEntryRow,
  type SearchAnswer,
} from '@kb/contracts';
import { Link } from 'react-router';
import { formatDate } from '../../../components/ui/labels';
import { FollowButton } from '../../alerts';
import { outcomeOf } from '../chart-view';
import styles from './answer-card.module.css';
import { AssessmentCell } from './assessment-cell';
import { GRADE_LABELS } from './chart-table';
import { OutcomeBadge } from './outcome-badge';
import { SaferAlternatives } from './safer-alternatives';

const chartLink = (row: OffenseEntryRow) => (
  <Link to={`/charts/${encodeURIComponent(row.jurisdiction)}`}>
    {JURISDICTIONS[row.jurisdiction] ?? row.jurisdiction} chart
  </Link>
);

/**
 * Above the hits when the query is a citation: the chart row it means with its consequence
 * columns, or, for a partial citation ("PC 273"), the rows it could mean.
 */
export function AnswerCard({ answer }: { answer: SearchAnswer }) {
  if (answer.entries.length === 0) return null;
  if (answer.match === 'candidates') {
    return (
      <section className={styles.answer} aria-labelledby="answer-heading">
        <h2 id="answer-heading" className={styles.heading}>
          Chart rows “{answer.citation}” could mean
        </h2>
        <ul className={styles.candidates}>
          {answer.entries.map((row) => (
            <li key={row.id} className={styles.candidate}>
              <Link to={row.path} className={styles.candidateTitle}>
                {row.data.statutes.join('; ')} — {row.data.offenseName}
              </Link>
              <span className={styles.glance}>
                {(['aggravated_felony', 'cimt'] as const).map((column) => (
                  <span key={column} className={styles.glanceItem}>
                    {CONSEQUENCE_COLUMN_SHORT[column]}: <OutcomeBadge outcome={outcomeOf(row.data, column)} />
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section className={styles.answer} aria-labelledby="answer-heading">
      <div className={styles.headingRow}>
        <h2 id="answer-heading" className={styles.heading}>
          Chart answer for “{answer.citation}”
        </h2>
        <FollowButton
          kind="citation"
          target={answer.citation}
          label={`${answer.citation}, with future rows for it`}
          text={`Follow ${answer.citation}`}
          textOn={`Following ${answer.citation}`}
        />
      </div>
      {answer.entries.map((row) => (
        <article key={row.id} className={styles.entry} aria-labelledby={`answer-${row.id}`}>
          <h3 id={`answer-${row.id}`} className={styles.entryTitle}>
            <Link to={row.path}>{row.data.offenseName}</Link>
          </h3>
          <p className={styles.meta}>
            {row.data.statutes.join('; ')} · {GRADE_LABELS[row.data.grade]} · Max.{' '}
            {formatSentenceDays(row.data.maxSentenceDays)}
          </p>
          <dl className={styles.grid}>
            {CONSEQUENCE_COLUMN_CODES.map((column) => (
              <div key={column} className={styles.item}>
                <dt>{CONSEQUENCE_COLUMN_SHORT[column]}</dt>
                <dd>
                  <AssessmentCell column={column} assessment={row.data.assessments[column]} />
                </dd>
              </div>
            ))}
          </dl>
          {row.saferAlternatives.length > 0 ? (
            <div className={styles.alternatives}>
              <h4 className={styles.alternativesHeading}>Safer alternatives</h4>
              <SaferAlternatives alternatives={row.saferAlternatives} />
            </div>
          ) : null}
          <p className={styles.links}>
            <Link to={row.path}>Conditions, circuit notes and authorities</Link> · {chartLink(row)}
            {row.lastReviewedAt ? <span className="muted"> · reviewed {formatDate(row.lastReviewedAt)}</span> : null}
          </p>
        </article>
      ))}
    </section>
  );
}
