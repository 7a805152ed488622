import { Link } from 'react-router';
import styles from './pager.module.css';

type PagerProps = {
  page: number;
  pages: number;
  /** The navigation landmark's name, e.g. "Result pages". */
  label: string;
  /** What is shown between the buttons; "Page 2 of 5" by default. */
  status?: string;
} & (
  | { /** Pages are addresses (links that can be opened, shared, gone back to). */ hrefFor: (page: number) => string }
  | { /** Pages are state of the page (buttons). */ onPage: (page: number) => void }
);

/** The one pager: previous, where you are, next. Pages are 1-based; nothing is shown for one page. */
export function Pager(props: PagerProps) {
  const { page, pages, label, status = `Page ${page} of ${pages}` } = props;
  // A status of its own ("1–25 of 30") is worth showing on a single page too.
  if (pages <= 1 && props.status === undefined) return null;
  const step = (to: number, text: string, rel: 'prev' | 'next') => {
    const possible = to >= 1 && to <= pages;
    if ('hrefFor' in props) {
      return possible ? (
        <Link to={props.hrefFor(to)} rel={rel} className="button small">
          {text}
        </Link>
      ) : (
        <span />
      );
    }
    return (
      <button type="button" className="button small" disabled={!possible} onClick={() => props.onPage(to)}>
        {text}
      </button>
    );
  };
  return (
    <nav className={styles.pager} aria-label={label}>
      {step(page - 1, '← Previous', 'prev')}
      <span className="muted small">{status}</span>
      {step(page + 1, 'Next →', 'next')}
    </nav>
  );
}

/** Page count and "1–25 of 120", for lists that show where in the whole they are. */
export function pageRange(page: number, perPage: number, total: number) {
  const first = (page - 1) * perPage + 1;
  return {
    pages: Math.max(1, Math.ceil(total / perPage)),
    status: `${first}–${Math.min(total, page * perPage)} of ${total}`,
  };
}
