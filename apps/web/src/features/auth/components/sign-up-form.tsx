import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { useAuth } from '../../../lib/auth';
import { useSignUp } from '../api/sign-up';
import styles from './auth.module.css';
import { AuthCard } from './auth-card';
import { PasswordField } from './password-field';
import { EMPTY_PROFILE, ProfileFields, profilePayload } from './profile-fields';

/** Self-sign-up, offered only when the deployment allows it: creates a reader account. */
export function SignUpForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const signUp = useSignUp();
  const { adopt } = useAuth();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [profile, setProfile] = useState(EMPTY_PROFILE);
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate(
      { email: email.trim(), password, ...profilePayload(profile) },
      {
        onSuccess: (session) => {
          queryClient.clear();
          adopt(session);
          onDone();
        },
      },
    );
  };

  return (
    <AuthCard title="Create a reader account" wide>
      <p className="muted">Readers search, read and bookmark the published advisories.</p>
      {signUp.isError ? <ErrorMessage error={signUp.error} /> : null}
      <form onSubmit={submit}>
        <label className="field">
          <span>E-mail</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <ProfileFields value={profile} onChange={setProfile} />
        <PasswordField
          label="Choose a password"
          name="new-password"
          autoComplete="new-password"
          isNew
          value={password}
          onChange={setPassword}
        />
        <button type="submit" className="button primary wide" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p className={`${styles.authSwitch} small`}>
        Already have an account?{' '}
        <button type="button" className="button link" onClick={onCancel}>
          Sign in
        </button>
      </p>
    </AuthCard>
  );
}
