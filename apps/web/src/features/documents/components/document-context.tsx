import type { DocumentView } from '@kb/contracts';
import { useId } from 'react';
import { Link } from 'react-router';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { CitedByList, CitesList } from '../../authorities';
import { useRelated } from '../api/get-related';
import styles from './document.module.css';

/** Primary sources: what guidance cites. */
const PRIMARY = new Set(['statute', 'regulation', 'court_opinion', 'agency_decision']);
export const isPrimarySource = (kind: string) => PRIMARY.has(kind);

/**
 * What the document cites (linked to the sources the library holds or their authority cards,
 * with each authority's status), what cites it, and related guidance.
 */
export function DocumentContext({ idOrSlug, doc }: { idOrSlug: string; doc: DocumentView }) {
  const context = useRelated(idOrSlug);
  // Generated ids: a section anchor ("authorities-cited") must not collide with them.
  const id = useId();
  const cites = doc.cites;
  const related = context.data?.related ?? [];
  const held = cites.filter((c) => c.document || c.authority).length;
  return (
    <>
      {cites.length > 0 ? (
        <section className={`${styles.docAsideBlock} doc-citations`} aria-labelledby={`${id}-cited`}>
          <h2 id={`${id}-cited`} className={styles.docAsideTitle}>
            Authorities cited
          </h2>
          {held > 0 ? (
            <p className="muted small">
              {held} of {cites.length} are in this library — follow the link to read the source or its card.
            </p>
          ) : null}
          <CitesList cites={cites} />
        </section>
      ) : null}
      {doc.citedByCount > 0 || isPrimarySource(doc.kind) ? (
        <section className={`${styles.docAsideBlock} doc-cited-by`} aria-labelledby={`${id}-cited-by`}>
          <h2 id={`${id}-cited-by`} className={styles.docAsideTitle}>
            Cited by ({doc.citedByCount})
          </h2>
          <CitedByList items={doc.citedBy} count={doc.citedByCount} />
        </section>
      ) : null}
      {related.length > 0 ? (
        <section className={`${styles.docAsideBlock} doc-related`} aria-labelledby={`${id}-related`}>
          <h2 id={`${id}-related`} className={styles.docAsideTitle}>
            Related guidance
          </h2>
          <ul className={styles.relatedList}>
            {related.map((doc) => (
              <li key={doc.id}>
                <Link to={`/documents/${doc.slug}`} className={styles.relatedTitle}>
                  {doc.title}
                </Link>
                <span className={styles.relatedMeta}>
                  {kindLabel(doc.kind)}
                  {doc.publisher ? ` · ${doc.publisher}` : ''}
                  {doc.documentDate ? ` · ${formatDate(doc.documentDate)}` : ''}
                  {doc.superseded ? (
                    <>
                      {' '}
                      <span className="badge badge-warning">Superseded</span>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
