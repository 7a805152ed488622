import {
  CONSEQUENCE_COLUMN_CODES,
  CONSEQUENCE_COLUMN_SHORT,
  CONSEQUENCE_COLUMNS,
  formatSentenceDays,
  type OffenseEntryRow,
} from '@kb/contracts';
import { useId } from 'react';
import { Link } from 'react-router';
import { FollowButton } from '../../alerts';
import type { ChartQuery, SortKey } from '../chart-view';
import { AssessmentCell } from './assessment-cell';
import styles from './chart.module.css';
import { RowReview } from './row-review';
import { SaferAlternatives } from './safer-alternatives';

export const GRADE_LABELS = {
  felony: 'Felony',
  misdemeanor: 'Misdemeanor',
  wobbler: 'Wobbler',
  infraction: 'Infraction',
};

/**
 * The chart as a table (wider than a phone): a scrolling region whose header row and offense
 * column stay in view, every column sortable from its header.
 */
export function ChartTable({
  rows,
  caption,
  query,
  onSort,
}: {
  rows: OffenseEntryRow[];
  caption: string;
  query: ChartQuery;
  onSort: (key: SortKey) => void;
}) {
  const captionId = useId();
  const header = (key: SortKey, label: string, title?: string) => {
    const active = query.sort === key;
    return (
      <th
        key={key}
        scope="col"
        aria-sort={active ? (query.direction === 'asc' ? 'ascending' : 'descending') : undefined}
        className={key === 'statute' ? styles.offenseHead : undefined}
      >
        <button type="button" className={styles.sortButton} onClick={() => onSort(key)} title={title}>
          {label}
          <span className={styles.sortMark} aria-hidden="true">
            {active ? (query.direction === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
    <section className={styles.scroller} aria-labelledby={captionId} tabIndex={0}>
      <table className={styles.table}>
        <caption id={captionId} className={styles.caption}>
          {caption}
        </caption>
        <thead>
          <tr>
            {header('statute', 'Offense and statute')}
            {header('grade', 'Grade and maximum')}
            {CONSEQUENCE_COLUMN_CODES.map((column) =>
              header(
                column,
                CONSEQUENCE_COLUMN_SHORT[column],
                `${CONSEQUENCE_COLUMNS[column]}: sort, most adverse first`,
              ),
            )}
            <th scope="col" className={styles.alternativesHead}>
              Safer alternatives
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className={styles.offenseCell}>
                <Link to={row.path} className={styles.offenseName}>
                  {row.data.offenseName}
                </Link>
                <span className={styles.statutes}>{row.data.statutes.join('; ')}</span>
                <FollowButton
                  kind="offense"
                  target={row.id}
                  label={`${row.data.offenseName}, ${row.data.statutes.join('; ')}`}
                  className={styles.rowFollow}
                  small
                />
                <RowReview row={row} />
              </th>
              <td>
                {GRADE_LABELS[row.data.grade]}
                <span className={styles.cellCite}>Max. {formatSentenceDays(row.data.maxSentenceDays)}</span>
              </td>
              {CONSEQUENCE_COLUMN_CODES.map((column) => (
                <td key={column}>
                  <AssessmentCell column={column} assessment={row.data.assessments[column]} />
                </td>
              ))}
              <td>
                <SaferAlternatives alternatives={row.saferAlternatives} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
