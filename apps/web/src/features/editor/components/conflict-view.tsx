import type { DocumentContent } from '@kb/contracts';
import { useEffect, useMemo, useState } from 'react';
import { FIELD_LABELS, formatFieldValue } from '../../../components/ui/field-labels';
import { RecordTable } from '../../../components/ui/record-table';
import { useTermLabels } from '../../taxonomy';
import { useRevision } from '../api/list-revisions';
import type { Conflict } from '../hooks/use-draft-session';
import { diffLines, mergeText, sameValue } from '../text-merge';
import styles from './editor.module.css';
import { DIFF_LINE_CLASS } from './editor-classes';

const METADATA_FIELDS = Object.keys(FIELD_LABELS) as Array<Exclude<keyof DocumentContent, 'body'>>;
const MARKERS = /^(<<<<<<< |=======$|>>>>>>> )/m;

/**
 * Shown when another save landed first: their revision and this editor's version side by side.
 * The editor keeps one, takes the other, or edits a merge (one-sided changes are merged
 * automatically; overlapping ones are marked). Nothing is saved until they choose.
 */
export function ConflictView({
  documentId,
  conflict,
  onResolve,
  busy,
}: {
  documentId: string;
  conflict: Conflict;
  onResolve: (content: DocumentContent, choice: 'yours' | 'theirs' | 'merged') => void;
  busy: boolean;
}) {
  const { theirs, yours } = conflict;
  const termLabel = useTermLabels();
  const fetchedBase = useRevision(documentId, conflict.base ? null : conflict.baseRevisionId);
  const base = conflict.base ?? fetchedBase.data?.content ?? null;
  const theirLabel = `revision ${theirs.number} by ${theirs.authorName ?? 'another editor'}`;

  const changedFields = METADATA_FIELDS.filter((f) => !sameValue(theirs.content[f], yours[f]));
  // Per field: a change made only on one side since the common base is taken; otherwise yours.
  const defaultChoice = (field: (typeof METADATA_FIELDS)[number]) =>
    base && sameValue(base[field], yours[field]) ? 'theirs' : 'yours';
  const [choices, setChoices] = useState<Record<string, 'theirs' | 'yours'>>({});
  const choiceOf = (field: (typeof METADATA_FIELDS)[number]) => choices[field] ?? defaultChoice(field);

  const merged = useMemo(
    () =>
      base
        ? mergeText(base.body, yours.body, theirs.content.body, theirLabel)
        : sameValue(yours.body, theirs.content.body)
          ? { text: yours.body, conflicts: 0 }
          : mergeText('', yours.body, theirs.content.body, theirLabel),
    [base, yours.body, theirs.content.body, theirLabel],
  );
  const [mergedBody, setMergedBody] = useState(merged.text);
  useEffect(() => setMergedBody(merged.text), [merged.text]);
  const bodyDiffers = !sameValue(yours.body, theirs.content.body);
  const changes = useMemo(() => diffLines(theirs.content.body, yours.body), [theirs.content.body, yours.body]);
  const markersLeft = MARKERS.test(mergedBody);

  const mergedContent = (): DocumentContent => {
    const result = { ...yours, body: mergedBody };
    for (const field of changedFields) {
      (result as Record<string, unknown>)[field] = choiceOf(field) === 'theirs' ? theirs.content[field] : yours[field];
    }
    return result;
  };

  return (
    <section className={styles.conflict} aria-labelledby="conflict-title">
      <div className={styles.conflictHead} role="alert">
        <h2 id="conflict-title">Someone else saved this document while you were editing</h2>
        <p>
          <strong>{theirs.authorName ?? 'Another editor'}</strong> saved revision {theirs.number} at{' '}
          {new Date(theirs.createdAt).toLocaleString()}
          {theirs.note ? ` (“${theirs.note}”)` : ''}. Your changes are safe in this browser: nothing is saved until you
          choose a version or merge them.
        </p>
      </div>

      {changedFields.length > 0 ? (
        <div className={styles.conflictBlock}>
          <h3>Details that differ</h3>
          <RecordTable
            className={styles.conflictFields}
            caption="Fields both of you changed, and which version to keep"
            columns={['Field', 'Their version', 'Your version', 'Keep in the merge']}
          >
            {changedFields.map((field) => (
              <tr key={field}>
                <th scope="row">{FIELD_LABELS[field]}</th>
                <td>{formatFieldValue(field, theirs.content[field], termLabel)}</td>
                <td>{formatFieldValue(field, yours[field], termLabel)}</td>
                <td>
                  <fieldset className={styles.choice}>
                    <legend className="visually-hidden">{FIELD_LABELS[field]}: keep</legend>
                    {(['theirs', 'yours'] as const).map((side) => (
                      <label key={side}>
                        <input
                          type="radio"
                          name={`choice-${field}`}
                          checked={choiceOf(field) === side}
                          onChange={() => setChoices((c) => ({ ...c, [field]: side }))}
                        />{' '}
                        {side === 'theirs' ? 'Theirs' : 'Yours'}
                      </label>
                    ))}
                  </fieldset>
                </td>
              </tr>
            ))}
          </RecordTable>
        </div>
      ) : null}

      {bodyDiffers ? (
        <div className={styles.conflictBlock}>
          <h3>Text: their version against yours</h3>
          <p className="muted small">Lines marked − are only in their version, lines marked + only in yours.</p>
          <pre className={`${styles.diffLines} ${styles.conflictDiff}`}>
            {changes.map((line, i) => (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
                key={i}
                className={`${styles.diffLine} ${DIFF_LINE_CLASS[line.type]}`}
              >
                <span className={styles.diffSign} aria-hidden="true">
                  {line.type === 'added' ? '+' : line.type === 'removed' ? '−' : ' '}
                </span>
                <span className="visually-hidden">
                  {line.type === 'added' ? 'Only yours: ' : line.type === 'removed' ? 'Only theirs: ' : ''}
                </span>
                {line.text || ' '}
                {'\n'}
              </span>
            ))}
          </pre>
          <label className="field">
            <span>Merged text (edit freely)</span>
            <textarea
              className={styles.conflictMerge}
              value={mergedBody}
              rows={14}
              onChange={(e) => setMergedBody(e.target.value)}
            />
          </label>
          {merged.conflicts > 0 || markersLeft ? (
            <p className={markersLeft ? 'alert alert-warning' : 'muted small'}>
              {markersLeft
                ? `Both versions changed the same lines. They are marked between “<<<<<<< your version” and “>>>>>>> ${theirLabel}”: keep what is right and remove the markers.`
                : 'All overlapping changes are settled.'}
            </p>
          ) : (
            <p className="muted small">
              {base ? 'Changes made on only one side were merged automatically.' : 'Compare and edit the merged text.'}
            </p>
          )}
        </div>
      ) : null}

      <div className={styles.conflictActions}>
        <button
          type="button"
          className="button primary"
          disabled={busy || markersLeft}
          onClick={() => onResolve(mergedContent(), 'merged')}
        >
          Save merged version
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => onResolve(yours, 'yours')}>
          Keep my version
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => onResolve(theirs.content, 'theirs')}>
          Use their version
        </button>
      </div>
    </section>
  );
}
