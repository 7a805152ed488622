import { useId } from 'react';
import { Link } from 'react-router';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { useRelated } from '../api/get-related';
import styles from './document.module.css';

/** Authorities cited (linked to the primary sources the knowledge base holds) and related guidance. */
export function DocumentContext({ idOrSlug, citations }: { idOrSlug: string; citations: string[] }) {
  const context = useRelated(idOrSlug);
  // Generated ids: a section anchor ("authorities-cited") must not collide with them.
  const id = useId();
  const links = context.data?.citations ?? citations.map((text) => ({ text, document: null }));
  const related = context.data?.related ?? [];
  const held = links.filter((c) => c.document).length;
  return (
    <>
      {links.length > 0 ? (
        <section className={`${styles.docAsideBlock} doc-citations`} aria-labelledby={`${id}-cited`}>
          <h2 id={`${id}-cited`} className={styles.docAsideTitle}>
            Authorities cited
          </h2>
          {held > 0 ? (
            <p className="muted small">
              {held} of {links.length} are in this library — follow the link to read the source.
            </p>
          ) : null}
          <ul className={styles.citationList}>
            {links.map((citation, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a citation may be listed twice; the order is stable
              <li key={i}>
                {citation.document ? (
                  <>
                    <Link to={`/documents/${citation.document.slug}`} title={citation.document.title}>
                      {citation.text}
                    </Link>
                    <span className={styles.citationKind}>{kindLabel(citation.document.kind)}</span>
                  </>
                ) : (
                  <span>{citation.text}</span>
                )}
              </li>
            ))}
          </ul>
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
