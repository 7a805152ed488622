import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@kb/contracts';
import { ErrorMessage } from '../../../components/ui/error-message';
import { useCreateInvitation } from '../api/create-invitation';
import { useInvitations } from '../api/list-invitations';
import { useRevokeInvitation } from '../api/revoke-invitation';
import styles from './admin.module.css';
import { InviteForm, PendingInvitationItem } from './invite-form';

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
      {revoke.isError ? <ErrorMessage error={revoke.error} /> : null}
      <ul className={styles.pendingList}>
        {items.map((invitation) => (
          <PendingInvitationItem
            key={invitation.id}
            invitation={invitation}
            roleName={ROLE_LABELS[invitation.role]}
            revoking={revoke.isPending}
            onRevoke={() => revoke.mutate(invitation.id)}
          />
        ))}
      </ul>
    </details>
  );
}
