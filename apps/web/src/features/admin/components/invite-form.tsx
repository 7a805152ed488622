import type { CreatedInvitation, Invitation } from '@kb/contracts';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDateTime } from './format';
import { OneTimeLinkBox } from './one-time-link';

/** What the form needs of the mutation that creates an invitation (either of the two endpoints). */
interface InviteMutation<R extends string> {
  mutate(body: { email: string; role: R }, options: { onSuccess: (result: CreatedInvitation) => void }): void;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * An e-mail and a role make a one-time invitation link to pass on: the network's invitations
 * (any role) and an organization's (its member roles) alike.
 */
export function InviteForm<R extends string>({
  invite,
  roles,
  roleLabel,
  initialRole,
  className,
  hint,
}: {
  invite: InviteMutation<R>;
  /** The roles offered, with their names, in the order shown. */
  roles: Record<R, string>;
  roleLabel: string;
  initialRole: R;
  className?: string;
  /** Shown under the form: what the chosen role may do. */
  hint?: (role: R) => ReactNode;
}) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<R>(initialRole);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const roleName = (r: string) => roles[r as R] ?? r;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(
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
    <>
      <form className={className} onSubmit={submit}>
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
          <span>{roleLabel}</span>
          <select name="invite-role" value={role} onChange={(e) => setRole(e.target.value as R)}>
            {(Object.entries(roles) as Array<[R, string]>).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" disabled={invite.isPending}>
          {invite.isPending ? 'Creating…' : 'Create invitation link'}
        </button>
      </form>
      {hint?.(role)}
      {invite.isError ? <ErrorMessage error={invite.error} /> : null}
      {created ? (
        <OneTimeLinkBox
          title={`Invitation for ${created.invitation.email} (${roleName(created.invitation.role)})`}
          url={created.link.url}
          expiresAt={created.link.expiresAt}
          delivered={created.link.delivered}
          onDismiss={() => setCreated(null)}
        />
      ) : null}
    </>
  );
}

/**
 * One pending invitation: who, as what, by whom and until when, and the button that revokes it.
 * The list around it is the caller's (and so is the layout of the item, by `className`).
 */
export function PendingInvitationItem({
  invitation,
  roleName,
  revoking,
  onRevoke,
  className,
  mainClassName,
}: {
  invitation: Invitation;
  roleName: string;
  revoking: boolean;
  onRevoke: () => void;
  className?: string;
  mainClassName?: string;
}) {
  return (
    <li className={className}>
      <div className={mainClassName}>
        <strong>{invitation.email}</strong> <span className="badge badge-muted">{roleName}</span>
        <div className="muted small">
          Invited {formatDateTime(invitation.createdAt)}
          {invitation.invitedBy ? ` by ${invitation.invitedBy.name}` : ''} · expires{' '}
          {formatDateTime(invitation.expiresAt)}
        </div>
      </div>
      <button
        type="button"
        className="button small danger"
        disabled={revoking}
        onClick={onRevoke}
        aria-label={`Revoke the invitation for ${invitation.email}`}
      >
        Revoke
      </button>
    </li>
  );
}
