import styles from './form-actions.module.css';

/**
 * An inline form's buttons: submit (which says it is saving while `pending`) and cancel.
 * Dialogs use DialogActions.
 */
export function FormActions({
  submit,
  pending = false,
  disabled = false,
  onCancel,
  small = false,
}: {
  submit: string;
  pending?: boolean;
  disabled?: boolean;
  onCancel: () => void;
  small?: boolean;
}) {
  const size = small ? ' small' : '';
  return (
    <div className={styles.actions}>
      <button type="submit" className={`button primary${size}`} disabled={pending || disabled}>
        {pending ? 'Saving…' : submit}
      </button>
      <button type="button" className={`button${size}`} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
