import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@kb/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { useAuth } from '../../../lib/auth';
import { useAcceptInvitation } from '../api/accept-invitation';
import { useInvitation } from '../api/inspect-invitation';
import { oneTimeToken } from '../one-time-token';
import styles from './auth.module.css';
import { AuthCard, LinkProblem, MissingToken } from './auth-card';
import { PasswordField } from './password-field';
import { EMPTY_PROFILE, ProfileFields, profilePayload } from './profile-fields';

// The router loads both link pages from this module.
export { ResetPasswordPage } from './reset-password-page';

/** An invitee opens the one-time link, chooses a name and password, and is signed in. */
export function AcceptInvitePage() {
  const token = oneTimeToken(useLocation());
  const [accepted, setAccepted] = useState(false);
  const invitation = useInvitation(token, !accepted);
  const accept = useAcceptInvitation();
  const { state, adopt } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [profile, setProfile] = useState(EMPTY_PROFILE);
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(
      { token, password, ...profilePayload(profile) },
      {
        onSuccess: (session) => {
          setAccepted(true);
          queryClient.clear();
          adopt(session);
          navigate('/', { replace: true });
        },
      },
    );
  };

  if (!token) {
    return (
      <AuthCard title="Accept invitation">
        <MissingToken what="invitation" />
      </AuthCard>
    );
  }
  if (invitation.isPending || accepted) {
    return (
      <AuthCard title="Accept invitation">
        <Spinner label={accepted ? 'Signing you in…' : 'Checking your invitation…'} />
      </AuthCard>
    );
  }
  if (invitation.isError) {
    return (
      <AuthCard title="Accept invitation">
        <LinkProblem error={invitation.error} />
      </AuthCard>
    );
  }

  const details = invitation.data;
  return (
    <AuthCard title="Accept invitation" wide>
      <p className="muted">Set up your account to read the practice advisories of your organization.</p>
      <div className={styles.authFor}>
        <div>
          Account for <strong>{details.email}</strong>
        </div>
        <div>
          Role: <strong>{ROLE_LABELS[details.role]}</strong> — {ROLE_DESCRIPTIONS[details.role]}
        </div>
        {details.organization ? (
          <div data-testid="invitation-organization">
            Joins <strong>{details.organization.name}</strong>
          </div>
        ) : null}
        <div className="muted small">This link works once and expires on {formatDate(details.expiresAt)}.</div>
      </div>
      {state.status === 'signed-in' && state.user.email.toLowerCase() !== details.email.toLowerCase() ? (
        <div className="alert alert-info">
          You are signed in as {state.user.email}. Accepting signs you in as {details.email} instead.
        </div>
      ) : null}
      {accept.isError ? <ErrorMessage error={accept.error} /> : null}
      <form onSubmit={submit}>
        <input type="email" name="email" autoComplete="username" value={details.email} readOnly hidden />
        <ProfileFields value={profile} onChange={setProfile} />
        <PasswordField
          label="Choose a password"
          name="new-password"
          autoComplete="new-password"
          isNew
          value={password}
          onChange={setPassword}
        />
        <button type="submit" className="button primary wide" disabled={accept.isPending}>
          {accept.isPending ? 'Creating your account…' : 'Create account and sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
