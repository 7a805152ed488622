import { PRACTICE_LABELS, ROLE_DESCRIPTIONS, ROLE_LABELS } from '@kb/contracts';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { useAuth, useCurrentUser } from '../../../lib/auth';
import { useChangePassword } from '../api/change-password';
import styles from './auth.module.css';
import { PasswordField } from './password-field';

/**
 * The signed-in user's account: who they are here, and a password change; `more` adds panels
 * other features own (the alert settings), styled as the others.
 */
export function AccountPage({ more }: { more?: (panelClassName: string) => ReactNode } = {}) {
  const user = useCurrentUser();
  const { signOut } = useAuth();
  return (
    <div className="page">
      <h1>Your account</h1>
      <div className={styles.accountGrid}>
        <section className={styles.accountPanel} aria-labelledby="account-profile">
          <h2 id="account-profile">Profile</h2>
          <dl className={styles.accountFacts}>
            <dt>Name</dt>
            <dd>{user.name}</dd>
            <dt>E-mail</dt>
            <dd>{user.email}</dd>
            <dt>Role</dt>
            <dd>
              {ROLE_LABELS[user.role]}
              <div className="muted small">{ROLE_DESCRIPTIONS[user.role]}</div>
            </dd>
            {user.organization ? (
              <>
                <dt>Organization</dt>
                <dd>{user.organization}</dd>
              </>
            ) : null}
            {user.practice ? (
              <>
                <dt>Practice</dt>
                <dd>{PRACTICE_LABELS[user.practice]}</dd>
              </>
            ) : null}
            <dt>Member since</dt>
            <dd>{formatDate(user.createdAt)}</dd>
          </dl>
          <p className={`muted small ${styles.accountNote}`}>
            To change your e-mail address or role, ask your organization's administrator.
          </p>
          <button type="button" className="button secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </section>
        <ChangePasswordForm />
        {more?.(styles.accountPanel ?? '')}
      </div>
    </div>
  );
}

function ChangePasswordForm() {
  const change = useChangePassword();
  const { adopt } = useAuth();
  const user = useCurrentUser();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: (session) => {
          adopt(session);
          setCurrentPassword('');
          setNewPassword('');
        },
      },
    );
  };

  return (
    <section className={styles.accountPanel} aria-labelledby="account-password">
      <h2 id="account-password">Change password</h2>
      <p className="muted small">Changing your password signs you out on every other device.</p>
      <div aria-live="polite">
        {change.isSuccess ? (
          <div className="alert alert-success">Your password was changed. Other sessions have been signed out.</div>
        ) : null}
        {change.isError ? <ErrorMessage error={change.error} /> : null}
      </div>
      <form onSubmit={submit}>
        <input type="email" name="email" autoComplete="username" value={user.email} readOnly hidden />
        <PasswordField
          label="Current password"
          name="current-password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
        />
        <PasswordField
          label="New password"
          name="new-password"
          autoComplete="new-password"
          isNew
          value={newPassword}
          onChange={setNewPassword}
        />
        <button type="submit" className="button primary" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
