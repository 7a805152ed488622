import {
  AUTHORITY_STATUS_INPUTS,
  AUTHORITY_STATUS_LABELS,
  type AuthorityStatus,
  type AuthorityStatusInput,
} from '@kb/contracts';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { FormActions } from '../../../components/ui/form-actions';
import { useSetAuthorityStatus } from '../api/set-authority-status';
import styles from './authorities.module.css';

const label = (status: AuthorityStatusInput) =>
  status === 'good' ? 'Good law again (clear the flag)' : AUTHORITY_STATUS_LABELS[status];

/**
 * An editor's "mark authority status": a primary source the library holds (`documentId`) or any
 * citation (an authority card's). A new entry of its status history; everything citing it then
 * needs review.
 */
export function MarkStatusForm({
  target,
  current,
  name,
}: {
  target: { documentId: string } | { citation: string };
  current: AuthorityStatus | null;
  name: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState('');
  const mutation = useSetAuthorityStatus();
  const choices = AUTHORITY_STATUS_INPUTS.filter((s) => s !== 'good' || current);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const status = String(form.get('status')) as AuthorityStatusInput;
    mutation.mutate(
      {
        ...target,
        status,
        date: String(form.get('date')),
        by: String(form.get('by') ?? '').trim(),
        note: String(form.get('note') ?? '').trim(),
      },
      {
        onSuccess: (result) => {
          setOpen(false);
          setDone(
            result.status
              ? `Marked ${AUTHORITY_STATUS_LABELS[result.status.status]}. ${result.needsReviewCount} published ${
                  result.needsReviewCount === 1
                    ? 'document or entry citing it needs'
                    : 'documents and entries citing it need'
                } review.`
              : 'Marked good law again.',
          );
        },
      },
    );
  };

  return (
    <section className={styles.statusPanel} aria-labelledby={`${id}-title`} data-testid="mark-status">
      <h2 id={`${id}-title`} className={styles.panelTitle}>
        Authority status <span className="muted small">(editors)</span>
      </h2>
      <p className="small muted">
        Overruled, vacated, amended…? Mark it, and every published advisory and chart row citing {name} is flagged for
        review.
      </p>
      <p className={styles.statusDone} role="status">
        {done}
      </p>
      {!open ? (
        <button
          type="button"
          className="button"
          aria-expanded={false}
          aria-controls={`${id}-form`}
          onClick={() => {
            setDone('');
            setOpen(true);
          }}
        >
          Mark authority status
        </button>
      ) : (
        <form id={`${id}-form`} className={styles.statusForm} onSubmit={submit}>
          <label className="field">
            <span>New status</span>
            <select name="status" defaultValue={current?.status ?? 'vacated'} required>
              {choices.map((s) => (
                <option key={s} value={s}>
                  {label(s)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Date it happened</span>
            <input type="date" name="date" required defaultValue={new Date().toISOString().slice(0, 10)} />
          </label>
          <label className="field">
            <span>What did it (a citation or a link)</span>
            <input name="by" maxLength={500} placeholder="e.g. Matter of X, 29 I&N Dec. 1 (A.G. 2026)" />
          </label>
          <label className="field">
            <span>Note</span>
            <textarea name="note" rows={3} maxLength={5000} />
          </label>
          {mutation.error ? <ErrorMessage error={mutation.error} /> : null}
          <FormActions submit="Save status" pending={mutation.isPending} onCancel={() => setOpen(false)} />
        </form>
      )}
    </section>
  );
}
