import type { SearchQueryStat } from '@kb/contracts';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { jurisdictionLabel, kindLabel } from '../../../components/ui/labels';
import { RecordTable } from '../../../components/ui/record-table';
import { Spinner } from '../../../components/ui/spinner';
import { hasRole, useAuth } from '../../../lib/auth';
import { useTermLabels } from '../../taxonomy';
import { useSearchAnalytics } from '../api/get-search-analytics';
import styles from './admin.module.css';
import { AdminNav } from './admin-nav';
import { SearchPhrasesPanel } from './search-phrases-panel';

const PERIODS = [7, 30, 90] as const;
const FACET_NAMES: Record<string, string> = {
  offenseType: 'Offense type',
  consequence: 'Consequence',
  jurisdiction: 'Jurisdiction',
  kind: 'Kind',
  publisher: 'Publisher',
};

function QueryTable({ caption, rows, empty }: { caption: string; rows: SearchQueryStat[]; empty: string }) {
  return (
    <section className={styles.adminPanel}>
      <h2>{caption}</h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className={styles.tableScroll}>
          <RecordTable className={styles.adminTable} columns={['Query', 'Searches', 'Found nothing', 'Results opened']}>
            {rows.map((row) => (
              <tr key={row.query}>
                <td>
                  <Link to={`/?q=${encodeURIComponent(row.query)}`}>{row.query}</Link>
                </td>
                <td>{row.searches}</td>
                <td>{row.zeroResults}</td>
                <td>{row.clicks}</td>
              </tr>
            ))}
          </RecordTable>
        </div>
      )}
    </section>
  );
}

/**
 * What readers search for and do not find, for the editors who write the guidance. Counts
 * only: the API keeps no reader, session or address with them, and forgets them after 90 days.
 */
export function SearchAnalyticsPage() {
  const { state } = useAuth();
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get('days'));
  const days = (PERIODS as readonly number[]).includes(requested) ? requested : 7;
  const analytics = useSearchAnalytics(days);
  const termLabel = useTermLabels();
  const data = analytics.data;
  const valueLabel = (facet: string, value: string) =>
    facet === 'jurisdiction'
      ? jurisdictionLabel(value)
      : facet === 'kind'
        ? kindLabel(value)
        : facet === 'offenseType' || facet === 'consequence'
          ? termLabel(value)
          : value;

  return (
    <div className="page">
      {hasRole(state.user, 'admin') ? <AdminNav /> : null}
      <h1>Search analytics</h1>
      <p className="muted">
        What readers searched for, which searches found nothing and which results nobody opened — so editors see the
        guidance lawyers look for and do not find. Counts only, per day and query: no reader, session or address is kept
        {data ? `, and counts are deleted after ${data.retentionDays} days` : ''}.
      </p>
      <label className="field">
        <span>Period</span>
        <select
          value={days}
          onChange={(event) => setParams(event.target.value === '7' ? {} : { days: event.target.value })}
        >
          {PERIODS.map((n) => (
            <option key={n} value={n}>
              Last {n} days
            </option>
          ))}
        </select>
      </label>
      {analytics.isPending ? <Spinner label="Loading analytics…" /> : null}
      {analytics.isError ? <ErrorMessage error={analytics.error} retry={() => void analytics.refetch()} /> : null}
      {data ? (
        <>
          <p aria-live="polite">
            {data.searches} {data.searches === 1 ? 'search' : 'searches'} from {data.from} to {data.to}.
          </p>
          <QueryTable
            caption="Searches that found nothing"
            rows={data.zeroResultQueries}
            empty="Every search found something."
          />
          <QueryTable caption="Top searches" rows={data.topQueries} empty="No searches in this period." />
          <QueryTable
            caption="Searches whose results nobody opened"
            rows={data.noClickQueries}
            empty="Every search with results had one opened."
          />
          <section className={styles.adminPanel}>
            <h2>Filters used</h2>
            {data.filters.length === 0 ? (
              <p className="muted">No filters used in this period.</p>
            ) : (
              <div className={styles.tableScroll}>
                <RecordTable className={styles.adminTable} columns={['Filter', 'Value', 'Uses']}>
                  {data.filters.map((f) => (
                    <tr key={`${f.facet}:${f.value}`}>
                      <td>{FACET_NAMES[f.facet] ?? f.facet}</td>
                      <td>{valueLabel(f.facet, f.value)}</td>
                      <td>{f.uses}</td>
                    </tr>
                  ))}
                </RecordTable>
              </div>
            )}
          </section>
        </>
      ) : null}
      {/* A search that found nothing is often a word the vocabulary lacks: editors teach it here. */}
      <SearchPhrasesPanel />
    </div>
  );
}
