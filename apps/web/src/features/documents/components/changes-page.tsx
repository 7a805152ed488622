import type { DiffLine, DocumentView, RevisionDiff, RevisionListItem } from '@kb/contracts';
import { type FormEvent, useEffect, useMemo } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { fieldLabel, formatFieldValue } from '../../../components/ui/field-labels';
import { formatDate } from '../../../components/ui/labels';
import { RecordTable } from '../../../components/ui/record-table';
import { Spinner } from '../../../components/ui/spinner';
import { ApiError } from '../../../lib/api-client';
import { useTermLabels } from '../../taxonomy';
import { useDocument } from '../api/get-document';
import { useDiff, useHistory, useRevisionText } from '../api/get-revisions';
import { notesBetween, pickRevisions, publishedRevisions, type SectionLines, sectionsWithLines } from '../changes';
import { hashAnchor } from '../reading';
import styles from './changes.module.css';

/** "What changed": any two published revisions of a document, section by section, with the editors' notes. */
export function ChangesPage() {
  const { idOrSlug = '' } = useParams();
  const document = useDocument(idOrSlug);
  if (document.isPending) return <Spinner />;
  if (document.isError) {
    return (
      <div className="page narrow">
        {document.error instanceof ApiError && document.error.status === 404 ? (
          <>
            <h1>Document not found</h1>
            <p>
              It may have been withdrawn, or the address is mistyped. <Link to="/">Search the library</Link>
            </p>
          </>
        ) : (
          <ErrorMessage error={document.error} retry={() => void document.refetch()} />
        )}
      </div>
    );
  }
  return <Changes doc={document.data} />;
}

const revisionLabel = (r: RevisionListItem) =>
  `Revision ${r.number}${r.publishedAt ? `, posted ${formatDate(r.publishedAt)}` : ''}`;

function Changes({ doc }: { doc: DocumentView }) {
  const [params, setParams] = useSearchParams();
  const history = useHistory(doc.id);
  const published = useMemo(() => publishedRevisions(history.data?.revisions ?? []), [history.data]);
  const { from, to } = pickRevisions(published, {
    from: params.get('from'),
    to: params.get('to'),
    since: params.get('since'),
  });

  const choose = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setParams({ from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') });
  };

  return (
    <div className={`page ${styles.changesPage}`}>
      <p className={styles.back}>
        <Link to={`/documents/${doc.slug}`}>← {doc.title}</Link>
      </p>
      <h1>What changed</h1>
      <p className={styles.lede}>
        Differences between two published revisions of <cite>{doc.title}</cite>, with the editors’ notes. Drafts are
        never shown.
      </p>
      {history.isPending ? <Spinner label="Loading the history…" /> : null}
      {history.isError ? <ErrorMessage error={history.error} retry={() => void history.refetch()} /> : null}
      {history.isSuccess && (!from || !to) ? (
        <p className="alert alert-info" role="note">
          This document has one published revision so far: there is nothing to compare yet.
        </p>
      ) : null}
      {from && to ? (
        <>
          <form className={styles.picker} onSubmit={choose} aria-label="Revisions to compare">
            <RevisionSelect label="From (older)" name="from" chosen={from} revisions={published} />
            <RevisionSelect label="To (newer)" name="to" chosen={to} revisions={published} />
            <button type="submit" className="button">
              Compare
            </button>
          </form>
          {from.id === to.id ? (
            <p className="alert alert-info" role="note">
              Choose two different revisions to compare.
            </p>
          ) : (
            <Comparison doc={doc} from={from} to={to} notes={notesBetween(published, from, to)} />
          )}
        </>
      ) : null}
    </div>
  );
}

function RevisionSelect({
  label,
  name,
  chosen,
  revisions,
}: {
  label: string;
  name: 'from' | 'to';
  chosen: RevisionListItem;
  revisions: RevisionListItem[];
}) {
  return (
    <label className="field">
      <span>{label}</span>
      {/* Keyed by the choice: a new address resets the uncontrolled select. */}
      <select name={name} defaultValue={chosen.id} key={`${name}-${chosen.id}`}>
        {revisions.map((r) => (
          <option key={r.id} value={r.id}>
            {revisionLabel(r)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Comparison({
  doc,
  from,
  to,
  notes,
}: {
  doc: DocumentView;
  from: RevisionListItem;
  to: RevisionListItem;
  notes: RevisionListItem[];
}) {
  const diff = useDiff(doc.id, from.id, to.id);
  const before = useRevisionText(doc.id, from.id);
  const after = useRevisionText(doc.id, to.id);
  const failed = diff.error ?? before.error ?? after.error;
  if (failed) return <ErrorMessage error={failed} retry={() => void diff.refetch()} />;
  if (!diff.data || !before.data || !after.data) return <Spinner label="Comparing…" />;
  const sections = sectionsWithLines(diff.data, before.data.content.body, after.data.content.body);
  return (
    <section aria-labelledby="comparison-title">
      <h2 id="comparison-title" className={styles.comparisonTitle}>
        {revisionLabel(from)} → {revisionLabel(to)}
      </h2>
      <EditorsNotes notes={notes} />
      <FieldChanges diff={diff.data} />
      <SectionChanges doc={doc} sections={sections} />
    </section>
  );
}

function EditorsNotes({ notes }: { notes: RevisionListItem[] }) {
  const written = notes.filter((r) => r.note.trim());
  return (
    <section aria-labelledby="notes-title" className={styles.block}>
      <h3 id="notes-title">Editors’ notes</h3>
      {written.length === 0 ? (
        <p className="muted">The editors left no note on these revisions.</p>
      ) : (
        <ul className={styles.notes}>
          {written.map((r) => (
            <li key={r.id}>
              <strong>{revisionLabel(r)}</strong>
              {r.authorName ? ` by ${r.authorName}` : ''}: {r.note}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FieldChanges({ diff }: { diff: RevisionDiff }) {
  const termLabel = useTermLabels();
  if (diff.fields.length === 0) return null;
  return (
    <section aria-labelledby="fields-title" className={styles.block}>
      <h3 id="fields-title">Details</h3>
      <div className={styles.tableScroll}>
        <RecordTable className={styles.fields} columns={['Field', 'Before', 'After']}>
          {diff.fields.map((f) => (
            <tr key={f.field}>
              <th scope="row">{fieldLabel(f.field)}</th>
              <td>
                <del className={styles.inlineDel}>{formatFieldValue(f.field, f.before, termLabel)}</del>
              </td>
              <td>
                <ins className={styles.inlineIns}>{formatFieldValue(f.field, f.after, termLabel)}</ins>
              </td>
            </tr>
          ))}
        </RecordTable>
      </div>
    </section>
  );
}

const CHANGE_WORDS = {
  added: 'New section',
  removed: 'Section removed',
  changed: 'Changed',
  same: 'Unchanged',
} as const;

const lines = (n: number) => `${n} ${n === 1 ? 'line' : 'lines'}`;
/** Lines of text changed in a section as shown (blank lines are not counted). */
const counted = (s: SectionLines, type: 'added' | 'removed') =>
  s.runs.flat().filter((l) => l.type === type && l.text.trim()).length;

function SectionChanges({ doc, sections }: { doc: DocumentView; sections: SectionLines[] }) {
  const location = useLocation();
  const hash = hashAnchor(location.hash);
  const changed = sections.filter((s) => s.change !== 'same');
  const unchanged = sections.filter((s) => s.change === 'same');
  const asked = hash ? sections.find((s) => s.anchor === hash) : undefined;

  // Open at the section named in the address (a bookmark's), once the comparison is shown.
  useEffect(() => {
    if (!hash) return;
    const target = window.document.getElementById(hash);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [hash]);

  return (
    <section aria-labelledby="sections-title" className={styles.block}>
      <h3 id="sections-title">The text, section by section</h3>
      {hash && asked?.change === 'same' ? (
        <p className="alert alert-info" role="note">
          The section you saved, “{asked.heading}”, did not change between these revisions.
        </p>
      ) : null}
      {changed.length === 0 ? (
        <p className="muted">The text did not change.</p>
      ) : (
        <>
          <p className={styles.legend}>
            {changed.length} of {sections.length} {sections.length === 1 ? 'section' : 'sections'} changed. Added text
            is marked <span className={styles.legendIns}>+ added</span>, removed text{' '}
            <span className={styles.legendDel}>− removed</span>.
          </p>
          {changed.map((s) => (
            <section
              key={s.anchor}
              className={s.anchor === hash ? `${styles.section} ${styles.asked}` : styles.section}
              aria-labelledby={s.anchor}
            >
              <div className={styles.sectionHead}>
                <h4 id={s.anchor} tabIndex={-1}>
                  {s.heading}
                </h4>
                <span className={`badge ${s.change === 'removed' ? 'badge-danger' : ''}`}>
                  {CHANGE_WORDS[s.change]}
                </span>
                <span className="muted small">
                  {lines(counted(s, 'added'))} added, {lines(counted(s, 'removed'))} removed
                </span>
                {s.anchor === hash ? <span className="badge badge-warning">Your bookmark</span> : null}
              </div>
              {s.runs.map((run) => (
                <Run key={`${run[0]?.oldNumber}-${run[0]?.newNumber}`} lines={run} />
              ))}
              {s.change !== 'removed' ? (
                <p className={styles.readNow}>
                  <Link to={`/documents/${doc.slug}#${s.anchor}`}>Read “{s.heading}” now</Link>
                </p>
              ) : null}
            </section>
          ))}
        </>
      )}
      {unchanged.length > 0 ? (
        <p className="muted small">Unchanged: {unchanged.map((s) => s.heading).join('; ')}.</p>
      ) : null}
    </section>
  );
}

/**
 * Changed lines with their context; the change is said in words (for screen readers) and signs,
 * not colour alone. Blank lines are spacing in the Markdown, not text a reader compares.
 */
function Run({ lines: run }: { lines: DiffLine[] }) {
  return (
    <div className={styles.run}>
      {run.map((line, i) => {
        if (!line.text.trim()) return null;
        const key = `${i}-${line.oldNumber}-${line.newNumber}`;
        const text = line.text;
        if (line.type === 'added')
          return (
            <ins key={key} className={styles.lineIns}>
              <span className={styles.sign} aria-hidden="true">
                +
              </span>
              <span className="visually-hidden">Added: </span>
              {text}
            </ins>
          );
        if (line.type === 'removed')
          return (
            <del key={key} className={styles.lineDel}>
              <span className={styles.sign} aria-hidden="true">
                −
              </span>
              <span className="visually-hidden">Removed: </span>
              {text}
            </del>
          );
        return (
          <span key={key} className={styles.lineSame}>
            <span className={styles.sign} aria-hidden="true" />
            {text}
          </span>
        );
      })}
    </div>
  );
}
