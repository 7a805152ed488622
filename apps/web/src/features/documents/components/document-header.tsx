import { AUDIENCE_LABELS, type Audience, type DocumentView } from '@kb/contracts';
import { Link } from 'react-router';
import { ChipList, LinkChip } from '../../../components/ui/chips';
import { formatDate, jurisdictionLabel, kindLabel } from '../../../components/ui/labels';
import { AuthorityStatusBadge, NeedsReviewBadge } from '../../authorities';
import { useTermLabels } from '../../taxonomy';
import { changesUrl, searchUrl } from '../reading';
import styles from './document.module.css';

/** The "superseded by" warning: the first thing a reader of outdated guidance must see. */
export function SupersededBanner({ doc }: { doc: DocumentView }) {
  if (!doc.supersededBy) return null;
  return (
    <div className={`alert alert-warning ${styles.supersededBanner}`} role="note" aria-label="Superseded">
      <p className={styles.supersededTitle}>
        <strong>Superseded.</strong> This {kindLabel(doc.kind).toLowerCase()} has been replaced by newer guidance.
      </p>
      <p>
        Read the current version:{' '}
        <Link to={`/documents/${doc.supersededBy.slug}`} className={styles.supersededLink}>
          {doc.supersededBy.title}
        </Link>
      </p>
    </div>
  );
}

/** Title, provenance, dates and tags; every tag links to the search filtered by it. */
/** A document's tags of one vocabulary, each a link to the search filtered by it. */
function TagGroup({ label, facet, codes }: { label: string; facet: 'offenseType' | 'consequence'; codes: string[] }) {
  const termLabel = useTermLabels();
  if (codes.length === 0) return null;
  return (
    <div className={styles.docTagGroup}>
      <h2 className={styles.docTagLabel}>{label}</h2>
      <ChipList>
        {codes.map((code) => (
          <li key={code}>
            <LinkChip accent={facet === 'consequence'} to={searchUrl(facet, code)}>
              {termLabel(code)}
            </LinkChip>
          </li>
        ))}
      </ChipList>
    </div>
  );
}

export function DocumentHeader({ doc }: { doc: DocumentView }) {
  return (
    <header className={styles.docHeader}>
      <p className={styles.docKicker}>
        <Link to={searchUrl('kind', doc.kind)} className="badge">
          {kindLabel(doc.kind)}
        </Link>
        {doc.organization ? (
          <Link to={`/organizations/${doc.organization.slug}`} className={styles.docPublisher}>
            {doc.publisher || doc.organization.name}
          </Link>
        ) : doc.publisher ? (
          <Link to={searchUrl('publisher', doc.publisher)} className={styles.docPublisher}>
            {doc.publisher}
          </Link>
        ) : null}
        {doc.supersededBy ? <span className="badge badge-warning">Superseded</span> : null}
        <AuthorityStatusBadge status={doc.authorityStatus} />
        {doc.needsReview ? <NeedsReviewBadge /> : null}
      </p>
      <h1 className={styles.docTitle}>{doc.title}</h1>
      {doc.summary ? <p className={styles.docSummary}>{doc.summary}</p> : null}

      <dl className={styles.docFacts}>
        {doc.authors.length > 0 ? (
          <div>
            <dt>{doc.authors.length === 1 ? 'Author' : 'Authors'}</dt>
            <dd>{doc.authors.join(', ')}</dd>
          </div>
        ) : null}
        {doc.documentDate ? (
          <div>
            <dt>Published</dt>
            <dd>
              <time dateTime={doc.documentDate}>{formatDate(doc.documentDate)}</time>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Last reviewed</dt>
          <dd>
            {doc.lastReviewedAt ? (
              <time dateTime={doc.lastReviewedAt}>{formatDate(doc.lastReviewedAt)}</time>
            ) : (
              <span className="muted">Not recorded</span>
            )}
          </dd>
        </div>
        {doc.jurisdictions.length > 0 ? (
          <div>
            <dt>Jurisdiction{doc.jurisdictions.length === 1 ? '' : 's'}</dt>
            <dd className={styles.docInlineLinks}>
              {doc.jurisdictions.map((code) => (
                <Link key={code} to={searchUrl('jurisdiction', code)}>
                  {jurisdictionLabel(code)}
                </Link>
              ))}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Audience</dt>
          <dd>{AUDIENCE_LABELS[doc.audience as Audience] ?? doc.audience}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>
            Revision {doc.revisionNumber}
            {doc.publishedAt ? <>, posted {formatDate(doc.publishedAt)}</> : null}
            {doc.revisionNumber > 1 ? (
              <>
                {' · '}
                <Link to={changesUrl(doc.slug)} data-testid="what-changed">
                  What changed
                </Link>
              </>
            ) : null}
          </dd>
        </div>
      </dl>

      {doc.supersedes.length > 0 ? (
        <p className={styles.docSupersedes}>
          Replaces{' '}
          {doc.supersedes.map((old, i) => (
            <span key={old.id}>
              {i > 0 ? '; ' : ''}
              <Link to={`/documents/${old.slug}`}>{old.title}</Link>
            </span>
          ))}
          .
        </p>
      ) : null}

      {doc.offenseTypes.length > 0 || doc.consequences.length > 0 ? (
        <div className={styles.docTags}>
          <TagGroup label="Offense types" facet="offenseType" codes={doc.offenseTypes} />
          <TagGroup label="Immigration consequences" facet="consequence" codes={doc.consequences} />
        </div>
      ) : null}
    </header>
  );
}
