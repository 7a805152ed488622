import type { RevisionDiff } from '@kb/contracts';
import { Link, useLocation, useSearchParams } from 'react-router';
import { errorText } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { readDiffParam, useRevisionChange } from '../api/revision-change';
import styles from './alerts.module.css';
import { fieldName } from './notification-labels';

/**
 * Where a notification's link lands (`?diff=<from>..<to>` on a document or chart row): what the
 * new revision changed, its note, the sections and the lines, above the current text. Nothing
 * without the parameter.
 */
export function ChangeNotice({ documentId, sections = true }: { documentId: string; sections?: boolean }) {
  const [params] = useSearchParams();
  const range = readDiffParam(params.get('diff'));
  if (!range) return null;
  return <LoadedChange documentId={documentId} range={range} sections={sections} />;
}

function LoadedChange({
  documentId,
  range,
  sections,
}: {
  documentId: string;
  range: { from: string; to: string };
  sections: boolean;
}) {
  const change = useRevisionChange(documentId, range);
  const location = useLocation();
  const withoutDiff = (() => {
    const next = new URLSearchParams(location.search);
    next.delete('diff');
    const search = next.toString();
    return `${location.pathname}${search ? `?${search}` : ''}`;
  })();
  return (
    <section className={`alert alert-info ${styles.change}`} aria-labelledby="change-heading">
      <h2 id="change-heading" className={styles.changeHeading}>
        {change.data ? `What changed in revision ${change.data.to.number}` : 'What changed'}
      </h2>
      {change.isPending ? <p className="small">Comparing the revisions…</p> : null}
      {change.isError ? (
        <p className="small" role="alert">
          The change cannot be shown ({errorText(change.error)}); the current text is below.
        </p>
      ) : null}
      {change.data ? <ChangeSummary diff={change.data} showSections={sections} /> : null}
      <div className="small">
        <Link to={withoutDiff} replace>
          Hide the changes
        </Link>
      </div>
    </section>
  );
}

function ChangeSummary({ diff, showSections }: { diff: RevisionDiff; showSections: boolean }) {
  const sections = showSections ? diff.sections.filter((s) => s.change !== 'same') : [];
  const lines = diff.body.hunks.flatMap((hunk) => hunk.lines.filter((line) => line.type !== 'same'));
  return (
    <>
      <p className="small">
        Published {formatDate(diff.to.createdAt)}
        {diff.to.note ? (
          <>
            {' '}
            — <q>{diff.to.note}</q>
          </>
        ) : null}
        . Compared with revision {diff.from.number}.
      </p>
      {diff.fields.length > 0 ? (
        <p className="small">Details changed: {diff.fields.map((f) => fieldName(f.field)).join(', ')}.</p>
      ) : null}
      {sections.length > 0 ? (
        <ul className={`small ${styles.changeSections}`} aria-label="Sections changed">
          {sections.map((s) => (
            <li key={`${s.change}-${s.anchor}`}>
              {s.change === 'removed' ? s.heading : <a href={`#${encodeURIComponent(s.anchor)}`}>{s.heading}</a>}{' '}
              <span className="muted">({s.change})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {lines.length > 0 ? (
        <ul className={styles.changeLines} aria-label="Lines changed">
          {lines.slice(0, 40).map((line, i) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
              key={i}
              className={line.type === 'added' ? styles.lineAdded : styles.lineRemoved}
            >
              <span aria-hidden="true">{line.type === 'added' ? '+ ' : '− '}</span>
              <span className="visually-hidden">{line.type === 'added' ? 'Added: ' : 'Removed: '}</span>
              {line.text || ' '}
            </li>
          ))}
          {lines.length > 40 ? <li className="muted">… and {lines.length - 40} more lines.</li> : null}
        </ul>
      ) : (
        <p className="small">The text is unchanged.</p>
      )}
    </>
  );
}
