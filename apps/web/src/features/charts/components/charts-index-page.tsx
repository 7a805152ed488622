import { JURISDICTIONS } from '@kb/contracts';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { useChartList } from '../api/list-charts';
import styles from './charts-index.module.css';

const STATE_OPTIONS = Object.entries(JURISDICTIONS).filter(([code]) => code.startsWith('us-'));

/** /charts — the jurisdictions with a chart, and a way to ask about any other state. */
export function ChartsIndexPage() {
  const charts = useChartList();
  const navigate = useNavigate();
  return (
    <div className={`page ${styles.page}`}>
      <h1>Quick reference charts</h1>
      <p className={styles.intro}>
        One row per offense: what a conviction does under each immigration consequence, the conditions it depends on,
        and a safer plea. Each row has its own page with its authorities and the advisories that explain it. Charts are
        summaries, not legal advice.
      </p>
      {charts.isPending ? <Spinner label="Loading the charts…" /> : null}
      {charts.isError ? <ErrorMessage error={charts.error} retry={() => void charts.refetch()} /> : null}
      {charts.data ? (
        charts.data.charts.length === 0 ? (
          <p>No chart is published yet.</p>
        ) : (
          <ul className={styles.list}>
            {charts.data.charts.map((chart) => (
              <li key={chart.jurisdiction} className={styles.item}>
                <Link to={`/charts/${encodeURIComponent(chart.jurisdiction)}`} className={styles.name}>
                  {chart.label}
                </Link>
                <span className="muted small">
                  {chart.entries} {chart.entries === 1 ? 'offense' : 'offenses'}
                  {chart.lastReviewedAt ? ` · last reviewed ${formatDate(chart.lastReviewedAt)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}

      <form
        className={styles.other}
        onSubmit={(event) => {
          event.preventDefault();
          const code = new FormData(event.currentTarget).get('state');
          if (typeof code === 'string' && code) navigate(`/charts/${encodeURIComponent(code)}`);
        }}
      >
        <label className="field">
          <span>Another state</span>
          <select name="state" defaultValue="">
            <option value="" disabled>
              Choose a state
            </option>
            {STATE_OPTIONS.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          Open
        </button>
        <p className="muted small">
          For a state without a chart you get the federal rules that apply everywhere and the nearest guidance the
          library has.
        </p>
      </form>
    </div>
  );
}
