import { type ChartCoverage, CONSEQUENCE_COLUMN_SHORT } from '@kb/contracts';
import { Link } from 'react-router';
import { jurisdictionLabel } from '../../../components/ui/labels';
import styles from './chart.module.css';

/** The federal rules that apply whatever the state, each with its authorities. */
export function FederalRules({ rules }: { rules: ChartCoverage['federalRules'] }) {
  return (
    <ul className={styles.rules}>
      {rules.map((rule) => (
        <li key={`${rule.consequence}-${rule.title}`}>
          <p className={styles.ruleTitle}>
            <strong>{rule.title}</strong>
            {rule.title.toLowerCase() !== CONSEQUENCE_COLUMN_SHORT[rule.consequence].toLowerCase() ? (
              <span className="muted small"> ({CONSEQUENCE_COLUMN_SHORT[rule.consequence]})</span>
            ) : null}
          </p>
          <p>{rule.summary}</p>
          {rule.authorities.length > 0 ? <p className="small muted">Authority: {rule.authorities.join('; ')}</p> : null}
          {rule.document ? (
            <p className="small">
              Explained in{' '}
              <Link to={`/documents/${encodeURIComponent(rule.document.slug)}`}>{rule.document.title}</Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * What the library can say about a jurisdiction it has no chart for: that plainly, the federal
 * rules that apply everywhere, and the nearest guidance it does hold — never a bare "no results".
 */
export function CoverageNotice({
  jurisdiction,
  label,
  coverage,
}: {
  jurisdiction: string;
  label: string;
  coverage: ChartCoverage;
}) {
  return (
    <section className={styles.coverage} aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">No offense chart for {label} yet</h2>
      <p>
        The library has no offense entries for {label}: nobody has yet assessed its statutes one by one. That does not
        mean a conviction there is safe. The federal rules below decide the immigration consequences of a conviction in
        any state; apply them to the elements of the {label} statute and its record of conviction
        {coverage.circuit ? (
          <>
            , under the precedent of the <strong>{jurisdictionLabel(coverage.circuit)}</strong>, whose law governs
            removal cases arising there
          </>
        ) : null}
        .
      </p>

      <h3>Nearest covered guidance</h3>
      <ul className={styles.nearest}>
        {coverage.nearest.map((item) => (
          <li key={item.path}>
            <Link to={item.path}>{item.title}</Link> <span className="muted small">— {item.reason}</span>
          </li>
        ))}
        <li>
          <Link to={`/?jurisdiction=${encodeURIComponent(jurisdiction)}`}>Search the guidance tagged {label}</Link>
        </li>
        <li>
          <Link to="/charts">Every chart the library has</Link>
        </li>
      </ul>

      <h3>Federal rules that apply everywhere</h3>
      <FederalRules rules={coverage.federalRules} />
    </section>
  );
}
