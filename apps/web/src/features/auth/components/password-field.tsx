import { MIN_PASSWORD_LENGTH } from '@kb/contracts';
import { useId, useState } from 'react';
import styles from './auth.module.css';

/** A password input with a show/hide switch and, for new passwords, the rule it must meet. */
export function PasswordField({
  label,
  value,
  onChange,
  autoComplete,
  name,
  isNew = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  name: string;
  isNew?: boolean;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const [visible, setVisible] = useState(false);
  return (
    <div className={`field ${styles.passwordField}`}>
      <label htmlFor={id}>{label}</label>
      <div className={styles.passwordInput}>
        <input
          id={id}
          name={name}
          type={visible ? 'text' : 'password'}
          autoComplete={autoComplete}
          required
          minLength={isNew ? MIN_PASSWORD_LENGTH : undefined}
          maxLength={256}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={isNew ? hintId : undefined}
          spellCheck={false}
          autoCapitalize="off"
        />
        <button
          type="button"
          className={`button small ${styles.passwordToggle}`}
          aria-pressed={visible}
          aria-controls={id}
          title={visible ? 'Hide the password' : 'Show the password'}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? 'Hide' : 'Show'}
        </button>
      </div>
      {isNew ? (
        <small id={hintId} className="muted">
          At least {MIN_PASSWORD_LENGTH} characters. A passphrase of a few unrelated words is strong and easy to
          remember.
        </small>
      ) : null}
    </div>
  );
}
