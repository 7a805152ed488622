import { type CreatedInvitation, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '@kb/contracts';
import { type FormEvent, useState } from 'react';
import { errorText } from '../../../components/ui/error-message';
import { useCreateInvitation } from '../api/create-invitation';
import { useInvitations } from '../api/list-invitations';
import { useRevokeInvitation } from '../api/revoke-invitation';
import styles from './admin.module.css';
import { formatDateTime } from './format';
import { OneTimeLinkBox } from './one-time-link';

/** Invite someone by e-mail with a role; the admin gets the one-time link to pass on. */
export function InvitePanel() {
  const create = useCreateInvitation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('reader');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (result) => {
          setCreated(result);
          setEmail('');
        },
      },
    );
  };

  return (
    <section className={styles.adminPanel} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <form className={styles.inviteForm} onSubmit={submit}>
        <label className="field">
          <span>E-mail</span>
          <input
            type="email"
            name="invite-email"
            required
            maxLength={254}
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Role</span>
          <select name="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create invitation link'}
        </button>
      </form>
      <p className={`muted small ${styles.roleHint}`}>{ROLE_DESCRIPTIONS[role]}</p>
      {create.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(create.error)}
        </div>
      ) : null}
      {created ? (
        <OneTimeLinkBox
          title={`Invitation for ${created.invitation.email} (${ROLE_LABELS[created.invitation.role]})`}
          url={created.link.url}
          expiresAt={created.link.expiresAt}
          delivered={created.link.delivered}
          onDismiss={() => setCreated(null)}
        />
      ) : null}
      <PendingInvitations />
    </section>
  );
}

function PendingInvitations() {
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  const items = invitations.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <details className={styles.pending}>
      <summary>
        {items.length} pending invitation{items.length === 1 ? '' : 's'}
      </summary>
      {revoke.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(revoke.error)}
        </div>
      ) : null}
      <ul className={styles.pendingList}>
        {items.map((invitation) => (
          <li key={invitation.id}>
            <div>
              <strong>{invitation.email}</strong>{' '}
              <span className="badge badge-muted">{ROLE_LABELS[invitation.role]}</span>
              <div className="muted small">
                Invited {formatDateTime(invitation.createdAt)}
                {invitation.invitedBy ? ` by ${invitation.invitedBy.name}` : ''} · expires{' '}
                {formatDateTime(invitation.expiresAt)}
              </div>
            </div>
            <button
              type="button"
              className="button small danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(invitation.id)}
              aria-label={`Revoke the invitation for ${invitation.email}`}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
