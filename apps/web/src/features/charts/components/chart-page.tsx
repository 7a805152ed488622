import {
  CHART_JURISDICTION_PATTERN,
  type ChartResponse,
  CONSEQUENCE_COLUMN_CODES,
  CONSEQUENCE_COLUMN_SHORT,
  CONSEQUENCE_COLUMNS,
  type ConsequenceColumn,
} from '@kb/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage, errorText } from '../../../components/ui/error-message';
import { formatDate, jurisdictionLabel } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { ApiError } from '../../../lib/api-client';
import { FollowButton } from '../../alerts';
import { chartCsvPath, downloadChartCsv } from '../api/download-chart-csv';
import { useChart } from '../api/get-chart';
import { useChartQuery } from '../chart-query';
import {
  type ChartQuery,
  chartRows,
  OUTCOME_FILTER_LABELS,
  OUTCOME_FILTERS,
  type OutcomeFilter,
  type SortKey,
} from '../chart-view';
import styles from './chart.module.css';
import { ChartCards } from './chart-cards';
import { ChartTable } from './chart-table';
import { CoverageNotice, FederalRules } from './coverage-notice';

const SORT_LABELS: Record<'statute' | 'offense' | 'grade' | 'maxSentence', string> = {
  statute: 'Statute',
  offense: 'Offense name',
  grade: 'Grade',
  maxSentence: 'Maximum sentence',
};

const VALID_JURISDICTION = new RegExp(CHART_JURISDICTION_PATTERN);

/** /charts/:jurisdiction — a state's (or the federal) quick reference chart, one row per offense. */
export function ChartPage() {
  const { jurisdiction = '' } = useParams();
  const known = VALID_JURISDICTION.test(jurisdiction) && jurisdictionLabel(jurisdiction) !== jurisdiction;
  if (!known) {
    return (
      <div className="page narrow">
        <h1>No such chart</h1>
        <p>
          “{jurisdiction}” is not a state or federal jurisdiction code (charts are at addresses like /charts/us-ca).{' '}
          <Link to="/charts">See every chart</Link>.
        </p>
      </div>
    );
  }
  return <LoadedChart key={jurisdiction} jurisdiction={jurisdiction} />;
}

function LoadedChart({ jurisdiction }: { jurisdiction: string }) {
  const chart = useChart(jurisdiction);
  if (chart.isPending) return <Spinner label="Opening the chart…" />;
  if (chart.isError) {
    return (
      <div className="page narrow">
        {chart.error instanceof ApiError && chart.error.status === 404 ? (
          <h1>No such chart</h1>
        ) : (
          <h1>{jurisdictionLabel(jurisdiction)} chart</h1>
        )}
        <ErrorMessage error={chart.error} retry={() => void chart.refetch()} />
      </div>
    );
  }
  return <Chart chart={chart.data} />;
}

function Chart({ chart }: { chart: ChartResponse }) {
  const { query, change } = useChartQuery();
  const rows = useMemo(() => chartRows(chart.entries, query), [chart.entries, query]);
  const covered = chart.entries.length > 0;
  const filtered = rows.length !== chart.entries.length;
  const caption = `${chart.label}: ${countText(rows.length)}${filtered ? ` of ${chart.entries.length}` : ''}, ${describeQuery(query)}.`;

  return (
    <div className={`page ${styles.page}`}>
      <p className={styles.printOnly}>
        {window.location.href} · printed {new Date().toLocaleDateString('en-US', { dateStyle: 'long' })}
      </p>
      <p className={styles.breadcrumb}>
        <Link to="/charts">Charts</Link>
      </p>
      <div className={styles.head}>
        <div>
          <h1 className={styles.title}>{covered ? `${chart.label} quick reference chart` : chart.label}</h1>
          {covered ? (
            <p className={styles.intro}>
              What a conviction under each {chart.label} statute does in immigration law, one row per offense. A row is
              a summary, not legal advice: open it for the conditions, circuit notes and authorities.
              {chart.lastReviewedAt ? <> Last reviewed {formatDate(chart.lastReviewedAt)}.</> : null}
            </p>
          ) : null}
          {chart.narratives.length > 0 ? (
            <p className="small">
              About this chart:{' '}
              {chart.narratives.map((doc, i) => (
                <span key={doc.id}>
                  {i > 0 ? ' · ' : null}
                  <Link to={`/documents/${encodeURIComponent(doc.slug)}`}>{doc.title}</Link>
                </span>
              ))}
            </p>
          ) : null}
        </div>
        {covered ? <ChartActions jurisdiction={chart.jurisdiction} label={chart.label} /> : null}
      </div>

      {covered ? (
        <>
          <details className={styles.federal}>
            <summary>Federal rules that apply in every state</summary>
            <FederalRules rules={chart.coverage.federalRules} />
          </details>
          <ChartControls query={query} change={change} />
          <p className={styles.count} aria-live="polite">
            Showing {countText(rows.length)}
            {filtered ? ` of ${chart.entries.length}` : ''}
            {query.consequence && query.outcome ? (
              <>
                {' '}
                where <strong>{CONSEQUENCE_COLUMN_SHORT[query.consequence]}</strong> is{' '}
                <strong>{OUTCOME_FILTER_LABELS[query.outcome].toLowerCase()}</strong>
              </>
            ) : null}
            .
          </p>
          {rows.length === 0 ? (
            <div className={styles.empty}>
              <p>
                No row matches this filter. Citations work in any form (“PC 273.5”, “273.5 PC”); a partial one (“PC
                273”) shows every section it could mean.
              </p>
              <button
                type="button"
                className="button"
                onClick={() => change({ q: '', consequence: null, outcome: null })}
              >
                Show every row
              </button>
            </div>
          ) : (
            <>
              <div className={styles.wide}>
                <ChartTable
                  rows={rows}
                  caption={caption}
                  query={query}
                  onSort={(key: SortKey) =>
                    change({
                      sort: key,
                      direction: query.sort === key && query.direction === 'asc' ? 'desc' : 'asc',
                    })
                  }
                />
              </div>
              <div className={styles.narrow}>
                <ChartCards rows={rows} label={caption} />
              </div>
            </>
          )}
        </>
      ) : (
        <CoverageNotice jurisdiction={chart.jurisdiction} label={chart.label} coverage={chart.coverage} />
      )}
    </div>
  );
}

const countText = (n: number) => `${n} ${n === 1 ? 'offense' : 'offenses'}`;

function describeQuery(query: ChartQuery): string {
  const parts: string[] = [];
  if (query.q.trim()) parts.push(`matching “${query.q.trim()}”`);
  if (query.consequence && query.outcome) {
    parts.push(`${CONSEQUENCE_COLUMN_SHORT[query.consequence]}: ${OUTCOME_FILTER_LABELS[query.outcome].toLowerCase()}`);
  }
  const sort =
    query.sort in SORT_LABELS
      ? SORT_LABELS[query.sort as keyof typeof SORT_LABELS]
      : CONSEQUENCE_COLUMN_SHORT[query.sort as ConsequenceColumn];
  parts.push(`sorted by ${sort.toLowerCase()}${query.direction === 'desc' ? ', descending' : ''}`);
  return parts.join(', ');
}

function ChartActions({ jurisdiction, label }: { jurisdiction: string; label: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className={styles.actions}>
      <FollowButton
        kind="jurisdiction"
        target={jurisdiction}
        label={`${label} guidance`}
        text={`Follow ${label}`}
        textOn={`Following ${label}`}
      />
      <a
        className="button"
        href={`/api${chartCsvPath(jurisdiction)}`}
        download
        onClick={(event) => {
          // The API wants the session's token: fetch the file rather than follow the link.
          event.preventDefault();
          setError(null);
          downloadChartCsv(jurisdiction).catch((e: unknown) => setError(errorText(e)));
        }}
      >
        Download CSV
      </a>
      <button type="button" className="button" onClick={() => window.print()}>
        Print
      </button>
      {error ? (
        <p className={styles.actionError} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function ChartControls({
  query,
  change,
}: {
  query: ChartQuery;
  change: (patch: Partial<ChartQuery>, options?: { replace?: boolean }) => void;
}) {
  const filtering = Boolean(query.q.trim() || (query.consequence && query.outcome));
  // The words as typed, held here: the address updates a tick later, and an input bound to it
  // alone is put back by React in between (keystrokes lost). The address wins when it changes
  // from elsewhere (Clear filters, back, a shared link).
  const [text, setText] = useState(query.q);
  const sent = useRef(query.q);
  useEffect(() => {
    if (query.q !== sent.current) {
      sent.current = query.q;
      setText(query.q);
    }
  }, [query.q]);
  return (
    <form className={styles.controls} aria-label="Filter the chart" onSubmit={(e) => e.preventDefault()}>
      <label className={`field ${styles.textFilter}`}>
        <span>Statute or words</span>
        <input
          type="search"
          value={text}
          placeholder="PC 273.5, 273 PC, theft"
          // Each keystroke refines the same filter: one history entry, not one per letter.
          onChange={(e) => {
            setText(e.target.value);
            sent.current = e.target.value;
            change({ q: e.target.value }, { replace: true });
          }}
        />
      </label>
      <label className="field">
        <span>Consequence</span>
        <select
          value={query.consequence ?? ''}
          onChange={(e) => {
            const consequence = (e.target.value || null) as ConsequenceColumn | null;
            change({ consequence, outcome: consequence ? (query.outcome ?? 'no') : null });
          }}
        >
          <option value="">Any consequence</option>
          {CONSEQUENCE_COLUMN_CODES.map((column) => (
            <option key={column} value={column}>
              {CONSEQUENCE_COLUMNS[column]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Outcome</span>
        <select
          value={query.outcome ?? ''}
          disabled={!query.consequence}
          onChange={(e) => change({ outcome: (e.target.value || null) as OutcomeFilter | null })}
        >
          <option value="">Any outcome</option>
          {OUTCOME_FILTERS.map((outcome) => (
            <option key={outcome} value={outcome}>
              {OUTCOME_FILTER_LABELS[outcome]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Sort by</span>
        <select value={query.sort} onChange={(e) => change({ sort: e.target.value as SortKey, direction: 'asc' })}>
          {Object.entries(SORT_LABELS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
          {CONSEQUENCE_COLUMN_CODES.map((column) => (
            <option key={column} value={column}>
              {CONSEQUENCE_COLUMN_SHORT[column]} (most adverse first)
            </option>
          ))}
        </select>
      </label>
      <label className={`field ${styles.direction}`}>
        <input
          type="checkbox"
          checked={query.direction === 'desc'}
          onChange={(e) => change({ direction: e.target.checked ? 'desc' : 'asc' })}
        />
        <span>Reverse order</span>
      </label>
      {filtering ? (
        <button
          type="button"
          className="button link"
          onClick={() => change({ q: '', consequence: null, outcome: null })}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
