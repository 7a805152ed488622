import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../../components/ui/error-message';
import { useAuth } from '../../../lib/auth';
import { useAuthSettings } from '../api/get-auth-settings';
import styles from './auth.module.css';
import { SignUpForm } from './sign-up-form';

/** Where to go after signing in: only paths inside the app, never another site (`//x`, `/\x`). */
function safeNext(next: string | null): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

export function SignInPage() {
  const { state, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  const settings = useAuthSettings();
  const next = safeNext(params.get('next'));

  if (state.status === 'signed-in') return <Navigate to={next} replace />;
  if (mode === 'sign-up' && settings.data?.allowSignUp) {
    return <SignUpForm onDone={() => navigate(next, { replace: true })} onCancel={() => setMode('sign-in')} />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className={styles.authPage}>
      <form className={styles.authCard} onSubmit={submit} aria-labelledby="sign-in-title">
        <div className={`brand ${styles.authBrand}`}>
          <span className="brand-mark" aria-hidden="true">
            §
          </span>
          Advisory KB
        </div>
        <h1 id="sign-in-title">Sign in</h1>
        <p className="muted">Practice advisories on the immigration consequences of crimes.</p>
        {error ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
        <label className="field">
          <span>E-mail</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className={`muted small ${styles.authHelp}`}>
          Forgot your password? Ask your organization's administrator for a password-reset link.
        </p>
        {settings.data?.allowSignUp ? (
          <p className={`${styles.authSwitch} small`}>
            New here?{' '}
            <button type="button" className="button link" onClick={() => setMode('sign-up')}>
              Create a reader account
            </button>
          </p>
        ) : (
          <p className="muted small">Accounts are created by invitation from your organization's administrator.</p>
        )}
      </form>
    </main>
  );
}
