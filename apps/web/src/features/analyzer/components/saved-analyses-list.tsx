import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { useSavedAnalyses } from '../api/analyses';
import styles from './analyzer.module.css';

/** The user's saved analyses (only theirs), newest first: shown on the analyzer and in My library. */
export function SavedAnalysesList({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const saved = useSavedAnalyses();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={styles.savedList} aria-labelledby="saved-analyses-heading">
      <Heading id="saved-analyses-heading">Saved analyses</Heading>
      {saved.isError ? <ErrorMessage error={saved.error} retry={() => void saved.refetch()} /> : null}
      {saved.data && saved.data.items.length === 0 ? (
        <p className={`${styles.quiet} small`}>
          None yet. Analyses you save from the <Link to="/analyzer">analyzer</Link> are kept here, visible to you alone.
        </p>
      ) : null}
      {saved.data && saved.data.items.length > 0 ? (
        <ul>
          {saved.data.items.map((a) => (
            <li key={a.id}>
              <Link to={`/analyzer/${a.id}`}>{a.matter}</Link>{' '}
              <span className={`${styles.quiet} small`}>
                {formatDate(a.createdAt)} · {a.alternatives.join(', ')}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
