import { offenseEntryPath, type SearchHit, type SnippetPart } from '@kb/contracts';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { formatDate, jurisdictionLabel, kindLabel } from '../../../components/ui/labels';
import { NeedsReviewBadge } from '../../authorities';
import styles from './search.module.css';

/** The snippet as text, matched words in <mark>: nothing from a document is ever read as HTML. */
function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <p className="result-snippet">
      {parts.map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
        part.match ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>,
      )}
    </p>
  );
}

/**
 * The text before a document's first heading (INTRODUCTION_ANCHOR in @kb/markdown, not imported
 * here to keep the Markdown renderer out of the search page's code): it is the top of the page.
 */
const INTRODUCTION = 'introduction';

/** A chart row opens its own page; a document opens at the matching section. */
const hitHref = (hit: Pick<SearchHit, 'slug' | 'section' | 'kind'>) =>
  hit.kind === 'offense_entry'
    ? offenseEntryPath(hit.slug)
    : `/documents/${encodeURIComponent(hit.slug)}${
        hit.section.anchor && hit.section.anchor !== INTRODUCTION ? `#${hit.section.anchor}` : ''
      }`;

/** One hit; `onOpen` is told when the reader follows it (search analytics). */
export function SearchResult({
  hit,
  staleMonths,
  onOpen,
}: {
  hit: SearchHit;
  staleMonths: number;
  onOpen?: () => void;
}) {
  const showSection = hit.section.heading && hit.section.heading !== hit.title && hit.section.anchor !== INTRODUCTION;
  return (
    <li
      className={
        hit.superseded ? `result ${styles.searchResult} ${styles.superseded}` : `result ${styles.searchResult}`
      }
    >
      <div className="result-meta">
        <span className="badge">{kindLabel(hit.kind)}</span>
        {hit.superseded ? <span className="badge badge-warning">Superseded</span> : null}
        {hit.needsReview ? <NeedsReviewBadge /> : null}
        {hit.reviewOverdue ? (
          <span className="badge badge-warning" data-testid="review-overdue">
            Not reviewed in {staleMonths} months
          </span>
        ) : null}
        {hit.publisher ? <span>{hit.publisher}</span> : null}
        {hit.publishedAt ? <time dateTime={hit.publishedAt}>{formatDate(hit.publishedAt)}</time> : null}
        {hit.jurisdictions.length > 0 ? (
          <span className={styles.resultJurisdictions}>
            {hit.jurisdictions.slice(0, 3).map(jurisdictionLabel).join(' · ')}
          </span>
        ) : null}
      </div>
      <h2 className="result-title">
        <Link to={hitHref(hit)} onClick={onOpen}>
          {hit.title}
          {showSection ? <span className={styles.resultSection}> — § {hit.section.heading}</span> : null}
        </Link>
      </h2>
      {hit.snippet.length > 0 ? <Snippet parts={hit.snippet} /> : null}
      <p className={`muted ${styles.resultReviewed}`}>
        {hit.lastReviewedAt ? (
          <>
            Last reviewed <time dateTime={hit.lastReviewedAt}>{formatDate(hit.lastReviewedAt)}</time>
          </>
        ) : (
          'Last review not recorded'
        )}
        {hit.revisionNumber ? ` · revision ${hit.revisionNumber}` : ''}
      </p>
      {hit.supersededBy ? (
        <p className={styles.resultSuccessor}>
          Replaced by{' '}
          <Link to={`/documents/${encodeURIComponent(hit.supersededBy.slug)}`}>{hit.supersededBy.title}</Link>
        </p>
      ) : null}
    </li>
  );
}
