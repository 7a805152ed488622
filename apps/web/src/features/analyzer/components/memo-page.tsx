import {
  ANALYSIS_DISCLAIMER,
  CLIENT_STATUS_LABELS,
  FINDING_GROUNDS,
  type FindingOutcome,
  type SavedAnalysis,
} from '@kb/contracts';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { useSavedAnalysis } from '../api/analyses';
import styles from './analyzer.module.css';

const OUTCOME_TEXT: Record<FindingOutcome, string> = { yes: 'YES', no: 'NO', depends: 'DEPENDS', unknown: 'UNKNOWN' };

/** The advisal memo as a printable page: the same record as the PDF. */
export function MemoPage() {
  const { id = '' } = useParams();
  const analysis = useSavedAnalysis(id);
  if (analysis.isPending) return <Spinner label="Loading the memo" />;
  if (analysis.isError) {
    return (
      <div className="page narrow">
        <ErrorMessage error={analysis.error} />
      </div>
    );
  }
  return <Memo saved={analysis.data} />;
}

function Memo({ saved }: { saved: SavedAnalysis }) {
  const { request, result } = saved;
  const c = request.client;
  const entries = [
    ...result.alternatives.map((a) => a.entry),
    ...result.priors.flatMap((p) => (p.entry ? [p.entry] : [])),
  ].filter((e, i, all) => all.findIndex((x) => x.revisionId === e.revisionId) === i);
  const authorities = [...new Set(result.alternatives.flatMap((a) => a.findings.flatMap((f) => f.authorities)))].sort();
  return (
    <article className={`page narrow ${styles.memo}`}>
      <p className={`${styles.noPrint} small`}>
        <Link to={`/analyzer/${saved.id}`}>Back to the analysis</Link> ·{' '}
        <button type="button" className="button link" onClick={() => window.print()}>
          Print
        </button>
      </p>
      <h1>Advisal memo: immigration consequences of a plea</h1>
      <p>
        <strong>Matter:</strong> {saved.matter}
        <br />
        <strong>Analysis made on</strong> {formatDate(result.analyzedOn)}; saved {formatDate(saved.createdAt)}
        {saved.updatedAt !== saved.createdAt ? `; last edited ${formatDate(saved.updatedAt)}` : ''}.
      </p>
      <p className={styles.disclaimer}>{ANALYSIS_DISCLAIMER}</p>

      <h2>Client</h2>
      <p>
        {CLIENT_STATUS_LABELS[c.status]}; admitted on {c.admittedOn ? formatDate(c.admittedOn) : 'not given'}; entered
        without inspection:{' '}
        {c.enteredWithoutInspection === true ? 'yes' : c.enteredWithoutInspection === false ? 'no' : 'not known'}.
      </p>
      <h3>Prior convictions</h3>
      {result.priors.length === 0 ? (
        <p>None entered.</p>
      ) : (
        <ul>
          {result.priors.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the memo never reorders
            <li key={i}>
              {p.entry
                ? `${p.entry.statutes.join(', ')} (${p.entry.offenseName})`
                : `${p.citation} (not in the library)`}
              , convicted {formatDate(p.convictedOn)}
            </li>
          ))}
        </ul>
      )}

      <h2>Advice given</h2>
      <p className={styles.advice}>{saved.advice || 'No advice text recorded.'}</p>

      {result.differences.length > 0 ? (
        <>
          <h2>What changes between the alternatives</h2>
          <ul>
            {result.differences.map((d) => (
              <li key={d.ground}>
                {FINDING_GROUNDS[d.ground]}: {d.summary}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {result.alternatives.map((alt) => (
        <section key={alt.label}>
          <h2>Alternative {alt.label}</h2>
          <p>
            {alt.entry.statutes.join(', ')}: {alt.entry.offenseName}. Offense entry revision {alt.entry.revisionNumber},
            last reviewed {alt.entry.lastReviewedAt ? formatDate(alt.entry.lastReviewedAt) : 'not recorded'}.
          </p>
          <dl className={styles.memoFindings}>
            {alt.findings.map((f) => (
              <div key={f.ground}>
                <dt>
                  {FINDING_GROUNDS[f.ground]}: {OUTCOME_TEXT[f.outcome]}{' '}
                  <span className={styles.quiet}>({f.rule})</span>
                </dt>
                <dd>
                  {f.reason}
                  {f.whatWouldChange ? ` What would change it: ${f.whatWouldChange}` : ''}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}

      <h2>Offense entries relied on</h2>
      <ul>
        {entries.map((e) => (
          <li key={e.revisionId}>
            {e.statutes.join(', ')} ({e.offenseName}): revision {e.revisionNumber}, last reviewed{' '}
            {e.lastReviewedAt ? formatDate(e.lastReviewedAt) : 'not recorded'}
          </li>
        ))}
      </ul>
      <h2>Authorities cited</h2>
      <p className="small">{authorities.join('; ')}</p>
      <p className={styles.disclaimer}>{ANALYSIS_DISCLAIMER}</p>
    </article>
  );
}
