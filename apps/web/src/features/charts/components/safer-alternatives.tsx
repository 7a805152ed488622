import type { SaferAlternativeView } from '@kb/contracts';
import { Link } from 'react-router';
import styles from './chart.module.css';

/** The safer pleas, each linked to its own row when the library has one. */
export function SaferAlternatives({ alternatives }: { alternatives: SaferAlternativeView[] }) {
  if (alternatives.length === 0) return <span className={styles.none}>None listed.</span>;
  return (
    <ul className={styles.alternatives}>
      {alternatives.map((alternative) => (
        <li key={alternative.statute}>
          {alternative.entry ? (
            <Link to={alternative.entry.path} className={styles.alternativeStatute}>
              {alternative.statute}
            </Link>
          ) : (
            <span className={styles.alternativeStatute}>{alternative.statute}</span>
          )}
          : {alternative.advice}
        </li>
      ))}
    </ul>
  );
}
