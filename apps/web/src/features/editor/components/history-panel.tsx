import type { DiffHunk, RevisionDiff, RevisionListItem } from '@kb/contracts';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { fieldLabel, formatFieldValue } from '../../../components/ui/field-labels';
import { Markdown } from '../../../components/ui/markdown';
import { RecordTable } from '../../../components/ui/record-table';
import { Spinner } from '../../../components/ui/spinner';
import { useTermLabels } from '../../taxonomy';
import { useRevision, useRevisionDiff, useRevisions } from '../api/list-revisions';
import styles from './editor.module.css';
import { DIFF_LINE_CLASS } from './editor-classes';

const REVIEW_KIND_LABELS = {
  comment: 'Comment',
  approval: 'Approved and published',
  supersession: 'Supersession across organizations',
} as const;

/** The two columns of radio buttons that pick the revisions to compare. */
const COMPARE_COLUMNS = [
  { key: 'from', label: <span title="Compare from (older)">From</span> },
  { key: 'to', label: <span title="Compare to (newer)">To</span> },
];

const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The revision history: every save with author, time and note; pick two to compare (fields
 * and a line diff, inline or side by side), view one, or restore one as a new draft.
 */
export function HistoryPanel({
  documentId,
  canRestore,
  onRestore,
  restoring,
}: {
  documentId: string;
  canRestore: boolean;
  onRestore: (revision: RevisionListItem) => void;
  restoring: boolean;
}) {
  const history = useRevisions(documentId);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  if (history.isPending) return <Spinner label="Loading the history…" />;
  if (history.isError) return <ErrorMessage error={history.error} retry={() => void history.refetch()} />;
  const revisions = history.data.revisions;
  // Default comparison: the latest against the one before it (or the published one).
  const toId = to ?? revisions[0]?.id ?? null;
  const fromId =
    from ??
    (history.data.publishedRevisionId !== toId ? history.data.publishedRevisionId : null) ??
    revisions[1]?.id ??
    null;

  const reviews = history.data.reviews;

  return (
    <div>
      {reviews.length > 0 ? (
        <section aria-labelledby="review-log" data-testid="review-log">
          <h3 id="review-log">Review</h3>
          <ul>
            {reviews.map((r) => (
              <li key={r.id}>
                <strong>{REVIEW_KIND_LABELS[r.kind]}</strong>
                {r.revisionNumber !== null ? ` (revision ${r.revisionNumber})` : ''} by{' '}
                {r.author?.name ?? 'a former user'}, <time dateTime={r.createdAt}>{when(r.createdAt)}</time>
                {r.body ? <>: {r.body}</> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <RecordTable
        className={styles.historyTable}
        caption="Revisions, newest first"
        columns={['Revision', 'Author and time', 'Note', ...COMPARE_COLUMNS]}
        actions
      >
        {revisions.map((r) => (
          <tr key={r.id} className={r.id === toId || r.id === fromId ? styles.selected : undefined}>
            <th scope="row">
              <span className={styles.revisionNumber}>#{r.number}</span>{' '}
              {r.isHead ? <span className="badge">Latest</span> : null}{' '}
              {r.isPublished ? <span className={`badge ${styles.badgeSuccess}`}>Published</span> : null}
              {!r.isPublished && r.publishedAt ? (
                <span className="badge badge-muted" title={`Published ${when(r.publishedAt)}`}>
                  Was published
                </span>
              ) : null}
            </th>
            <td>
              {r.authorName ?? 'Unknown'}
              <br />
              <span className="muted small">{when(r.createdAt)}</span>
            </td>
            <td className={styles.historyNote}>{r.note || <span className="muted">—</span>}</td>
            <td>
              <input
                type="radio"
                name="diff-from"
                aria-label={`Compare from revision ${r.number}`}
                checked={r.id === fromId}
                onChange={() => setFrom(r.id)}
              />
            </td>
            <td>
              <input
                type="radio"
                name="diff-to"
                aria-label={`Compare to revision ${r.number}`}
                checked={r.id === toId}
                onChange={() => setTo(r.id)}
              />
            </td>
            <td className={styles.historyActions}>
              <button
                type="button"
                className="button link"
                aria-expanded={viewing === r.id}
                onClick={() => setViewing(viewing === r.id ? null : r.id)}
              >
                {viewing === r.id ? 'Hide' : 'View'}
              </button>
              {canRestore && !r.isHead ? (
                <button type="button" className="button link" disabled={restoring} onClick={() => onRestore(r)}>
                  Restore as new draft
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </RecordTable>
      {viewing ? <RevisionPreview documentId={documentId} revisionId={viewing} /> : null}
      {fromId && toId && fromId !== toId ? <DiffPanel documentId={documentId} from={fromId} to={toId} /> : null}
    </div>
  );
}

function RevisionPreview({ documentId, revisionId }: { documentId: string; revisionId: string }) {
  const revision = useRevision(documentId, revisionId);
  if (revision.isPending) return <Spinner />;
  if (revision.isError) return <ErrorMessage error={revision.error} />;
  const r = revision.data;
  return (
    <section className={styles.revisionPreview} aria-label={`Revision ${r.number}`}>
      <h3>
        Revision {r.number}: {r.content.title}
      </h3>
      {r.content.summary ? <p className="muted">{r.content.summary}</p> : null}
      <Markdown source={r.content.body} whole />
    </section>
  );
}

function DiffPanel({ documentId, from, to }: { documentId: string; from: string; to: string }) {
  const diff = useRevisionDiff(documentId, from, to);
  const [layout, setLayout] = useState<'inline' | 'side'>('inline');
  if (diff.isPending) return <Spinner label="Comparing…" />;
  if (diff.isError) return <ErrorMessage error={diff.error} />;
  return (
    <section className={styles.diff} aria-labelledby="diff-title">
      <div className={styles.diffHead}>
        <h3 id="diff-title">
          Changes from revision {diff.data.from.number} to revision {diff.data.to.number}
        </h3>
        <fieldset className={styles.mdModes}>
          <legend className="visually-hidden">Diff layout</legend>
          {(['inline', 'side'] as const).map((l) => (
            <button
              key={l}
              type="button"
              className={layout === l ? `button small ${styles.pressed}` : 'button small'}
              aria-pressed={layout === l}
              onClick={() => setLayout(l)}
            >
              {l === 'inline' ? 'Inline' : 'Side by side'}
            </button>
          ))}
        </fieldset>
      </div>
      <DiffBody diff={diff.data} layout={layout} />
    </section>
  );
}

function DiffBody({ diff, layout }: { diff: RevisionDiff; layout: 'inline' | 'side' }) {
  const termLabel = useTermLabels();
  const nothing = diff.fields.length === 0 && diff.body.hunks.length === 0;
  if (nothing) return <p className="muted">These revisions have the same content.</p>;
  return (
    <>
      {diff.fields.length > 0 ? (
        <RecordTable
          className={styles.diffFields}
          caption="Fields changed between the two revisions"
          columns={['Field', 'Before', 'After']}
        >
          {diff.fields.map((f) => (
            <tr key={f.field}>
              <th scope="row">{fieldLabel(f.field)}</th>
              <td className={styles.diffBefore}>{formatFieldValue(f.field, f.before, termLabel)}</td>
              <td className={styles.diffAfter}>{formatFieldValue(f.field, f.after, termLabel)}</td>
            </tr>
          ))}
        </RecordTable>
      ) : null}
      {diff.body.hunks.length > 0 ? (
        <>
          <p className="muted small">
            Text: {diff.body.added} {diff.body.added === 1 ? 'line' : 'lines'} added, {diff.body.removed}{' '}
            {diff.body.removed === 1 ? 'line' : 'lines'} removed.
          </p>
          {diff.body.hunks.map((hunk) =>
            layout === 'inline' ? (
              <InlineHunk key={`${hunk.oldStart}-${hunk.newStart}`} hunk={hunk} />
            ) : (
              <SideHunk key={`${hunk.oldStart}-${hunk.newStart}`} hunk={hunk} />
            ),
          )}
        </>
      ) : (
        <p className="muted small">The text is unchanged.</p>
      )}
    </>
  );
}

function InlineHunk({ hunk }: { hunk: DiffHunk }) {
  return (
    <pre className={styles.diffLines}>
      {hunk.lines.map((line, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
          key={i}
          className={`${styles.diffLine} ${DIFF_LINE_CLASS[line.type]}`}
        >
          <span className={styles.diffNumber} aria-hidden="true">
            {line.oldNumber ?? ''}
          </span>
          <span className={styles.diffNumber} aria-hidden="true">
            {line.newNumber ?? ''}
          </span>
          <span className={styles.diffSign} aria-hidden="true">
            {line.type === 'added' ? '+' : line.type === 'removed' ? '−' : ' '}
          </span>
          <span className="visually-hidden">
            {line.type === 'added' ? 'Added: ' : line.type === 'removed' ? 'Removed: ' : ''}
          </span>
          {line.text || ' '}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

/** Removed lines on the left, added on the right, paired row by row within each change. */
function SideHunk({ hunk }: { hunk: DiffHunk }) {
  const rows: Array<[left: (typeof hunk.lines)[number] | null, right: (typeof hunk.lines)[number] | null]> = [];
  let i = 0;
  while (i < hunk.lines.length) {
    const line = hunk.lines[i] as (typeof hunk.lines)[number];
    if (line.type === 'same') {
      rows.push([line, line]);
      i++;
      continue;
    }
    const removed: typeof hunk.lines = [];
    const added: typeof hunk.lines = [];
    while (i < hunk.lines.length && hunk.lines[i]?.type !== 'same') {
      const l = hunk.lines[i] as (typeof hunk.lines)[number];
      (l.type === 'removed' ? removed : added).push(l);
      i++;
    }
    for (let k = 0; k < Math.max(removed.length, added.length); k++) rows.push([removed[k] ?? null, added[k] ?? null]);
  }
  return (
    <RecordTable
      className={styles.diffSide}
      caption="The text side by side"
      columns={['Before', 'After']}
      headClassName="visually-hidden"
    >
      {rows.map(([left, right], k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
        <tr key={k}>
          <td className={left ? (left.type === 'same' ? undefined : styles.diffRemoved) : styles.diffEmpty}>
            {left ? `${left.oldNumber ?? ''}\u2002${left.text}` : ''}
          </td>
          <td className={right ? (right.type === 'same' ? undefined : styles.diffAdded) : styles.diffEmpty}>
            {right ? `${right.newNumber ?? ''}\u2002${right.text}` : ''}
          </td>
        </tr>
      ))}
    </RecordTable>
  );
}
