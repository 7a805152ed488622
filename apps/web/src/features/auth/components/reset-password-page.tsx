import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { useAuth } from '../../../lib/auth';
import { useCompletePasswordReset } from '../api/complete-password-reset';
import { usePasswordReset } from '../api/inspect-password-reset';
import { oneTimeToken } from '../one-time-token';
import styles from './auth.module.css';
import { AuthCard, LinkProblem, MissingToken } from './auth-card';
import { PasswordField } from './password-field';

/** Sets a new password with the one-time link an administrator issued. */
export function ResetPasswordPage() {
  const token = oneTimeToken(useLocation());
  const [done, setDone] = useState(false);
  const reset = usePasswordReset(token, !done);
  const complete = useCompletePasswordReset();
  const { adopt } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    complete.mutate(
      { token, password },
      {
        onSuccess: (session) => {
          setDone(true);
          queryClient.clear();
          adopt(session);
          navigate('/', { replace: true });
        },
      },
    );
  };

  if (!token) {
    return (
      <AuthCard title="Reset password">
        <MissingToken what="password-reset" />
      </AuthCard>
    );
  }
  if (reset.isPending || done) {
    return (
      <AuthCard title="Reset password">
        <Spinner label={done ? 'Signing you in…' : 'Checking your link…'} />
      </AuthCard>
    );
  }
  if (reset.isError) {
    return (
      <AuthCard title="Reset password">
        <LinkProblem error={reset.error} />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password">
      <div className={styles.authFor}>
        <div>
          Account <strong>{reset.data.email}</strong>
        </div>
        <div className="muted small">
          This link works once and expires on {formatDate(reset.data.expiresAt)}. Setting a new password signs you out
          on every other device.
        </div>
      </div>
      {complete.isError ? <ErrorMessage error={complete.error} /> : null}
      <form onSubmit={submit}>
        <input type="email" name="email" autoComplete="username" value={reset.data.email} readOnly hidden />
        <PasswordField
          label="New password"
          name="new-password"
          autoComplete="new-password"
          isNew
          value={password}
          onChange={setPassword}
        />
        <button type="submit" className="button primary wide" disabled={complete.isPending}>
          {complete.isPending ? 'Saving…' : 'Set password and sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
