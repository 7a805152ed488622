import {
  ANALYSIS_DISCLAIMER,
  type AnalysisResult,
  FAVORABLE_GROUNDS,
  FINDING_GROUND_CODES,
  FINDING_GROUNDS,
  type Finding,
  type FindingGround,
  type FindingOutcome,
} from '@kb/contracts';
import type { CSSProperties } from 'react';
import { formatDate } from '../../../components/ui/labels';
import styles from './analyzer.module.css';

const OUTCOME_TEXT: Record<FindingOutcome, string> = { yes: 'Yes', no: 'No', depends: 'Depends', unknown: 'Unknown' };

/**
 * Colour says harmful or safe for the client (text always says the outcome: colour is never
 * alone). The petty offense exception matters only when there is a CIMT to excuse: when it does
 * not apply and the client is not inadmissible anyway (no CIMT), its answer has no colour.
 */
function tone(ground: FindingGround, outcome: FindingOutcome, findings: Finding[]): string {
  const notNeeded = findings.find((f) => f.ground === 'cimt_inadmissible')?.outcome === 'no' && outcome !== 'yes';
  if (ground === 'petty_offense_exception' && notNeeded) {
    return styles.toneNeutral ?? '';
  }
  if (outcome === 'depends' || outcome === 'unknown') return styles.toneUnsure ?? '';
  const harmful = FAVORABLE_GROUNDS.includes(ground) ? outcome === 'no' : outcome === 'yes';
  return (harmful ? styles.toneHarm : styles.toneSafe) ?? '';
}

/**
 * The alternatives side by side: one row per ground with each alternative's outcome, rows that
 * differ highlighted with what changed ("365 → 364 days removes the aggravated felony"), and
 * each row expandable to its rule, reason, entry revision and authorities.
 */
export function AnalysisResults({ result }: { result: AnalysisResult }) {
  const differing = new Map(result.differences.map((d) => [d.ground, d]));
  // One column per alternative, side by side; the stylesheet reads the count.
  const columns = { '--alternatives': String(result.alternatives.length) } as CSSProperties;
  return (
    <section className={styles.results} aria-labelledby="results-heading">
      <h2 id="results-heading">Findings</h2>
      <p className={`${styles.quiet} small`}>
        Analyzed on {formatDate(result.analyzedOn)}. {ANALYSIS_DISCLAIMER}
      </p>

      {result.differences.length > 0 ? (
        <div className={styles.differences} role="note" aria-label="What changes between the alternatives">
          <h3>What changes between the alternatives</h3>
          <ul>
            {result.differences.map((d) => (
              <li key={d.ground}>
                <strong>{FINDING_GROUNDS[d.ground]}:</strong> {d.summary}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className={styles.entries} style={columns}>
        {result.alternatives.map((alt) => (
          <div key={alt.label} className={styles.entryHead}>
            <strong>{alt.label}</strong>
            <span>
              {alt.entry.statutes.join(', ')} — {alt.entry.offenseName}
            </span>
            <span className={`${styles.quiet} small`}>
              Entry revision {alt.entry.revisionNumber}
              {alt.entry.lastReviewedAt ? `, reviewed ${formatDate(alt.entry.lastReviewedAt)}` : ''}
            </span>
          </div>
        ))}
      </div>

      <ul className={styles.grounds}>
        {FINDING_GROUND_CODES.map((ground) => {
          const difference = differing.get(ground);
          return (
            <li key={ground} className={difference ? styles.differs : undefined} data-ground={ground}>
              <details>
                <summary className={styles.groundSummary}>
                  <span className={styles.groundName}>
                    {FINDING_GROUNDS[ground]}
                    {difference ? <span className={styles.differsTag}> — differs</span> : null}
                  </span>
                  <span className={styles.outcomes} style={columns}>
                    {result.alternatives.map((alt) => {
                      const finding = alt.findings.find((f) => f.ground === ground);
                      if (!finding) return null;
                      return (
                        <span
                          key={alt.label}
                          className={`${styles.outcome} ${tone(ground, finding.outcome, alt.findings)}`}
                        >
                          <span className="visually-hidden">{alt.label}: </span>
                          {result.alternatives.length > 1 ? <span aria-hidden="true">{alt.label} </span> : null}
                          {OUTCOME_TEXT[finding.outcome]}
                        </span>
                      );
                    })}
                  </span>
                </summary>
                {difference ? <p className={styles.differenceLine}>{difference.summary}</p> : null}
                <div className={styles.explanations} style={columns}>
                  {result.alternatives.map((alt) => {
                    const f = alt.findings.find((x) => x.ground === ground);
                    if (!f) return null;
                    return (
                      <div key={alt.label} className={styles.explanation}>
                        <p className={styles.explanationHead}>
                          {alt.label}: {OUTCOME_TEXT[f.outcome]} <span className={styles.quiet}>({f.rule})</span>
                        </p>
                        <p>{f.reason}</p>
                        {f.whatWouldChange ? (
                          <p>
                            <strong>What would change it:</strong> {f.whatWouldChange}
                          </p>
                        ) : null}
                        <p className="small">
                          <strong>Entry:</strong> {alt.entry.statutes.join(', ')}, revision {alt.entry.revisionNumber}
                          {alt.entry.lastReviewedAt ? `, last reviewed ${formatDate(alt.entry.lastReviewedAt)}` : ''}
                        </p>
                        <p className="small">
                          <strong>Authorities:</strong> {f.authorities.join('; ')}
                        </p>
                      </div>
                    );
                  })}
                </div>
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
