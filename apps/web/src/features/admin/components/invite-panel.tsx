import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@kb/contracts';
import { errorText } from '../../../components/ui/error-message';
import { useCreateInvitation } from '../api/create-invitation';
import { useInvitations } from '../api/list-invitations';
import { useRevokeInvitation } from '../api/revoke-invitation';
import styles from './admin.module.css';
import { formatDateTime } from './format';
import { InviteForm } from './invite-form';

/** Invite someone by e-mail with a role; the admin gets the one-time link to pass on. */
export function InvitePanel() {
  const create = useCreateInvitation();
  return (
    <section className={styles.adminPanel} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <InviteForm
        invite={create}
        roles={ROLE_LABELS}
        roleLabel="Role"
        initialRole="reader"
        className={styles.inviteForm}
        hint={(role) => <p className={`muted small ${styles.roleHint}`}>{ROLE_DESCRIPTIONS[role]}</p>}
      />
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
