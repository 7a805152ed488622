import { type Organization, type OrganizationMember, REVIEW_POLICIES, type ReviewPolicy } from '@kb/contracts';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Spinner } from '../../../components/ui/spinner';
import { useCurrentUser } from '../../../lib/auth';
import { InviteForm, PendingInvitationItem } from '../../admin';
import { useOrganizationPage } from '../api/get-organization';
import {
  useInviteToOrganization,
  useMembers,
  useOrganizationInvitations,
  useRevokeOrganizationInvitation,
  useUpdateMember,
  useUpdateOrganization,
} from '../api/manage';
import styles from './organization.module.css';

const POLICY_CHOICES: Record<ReviewPolicy, string> = {
  single: 'Single: any of its editors publishes',
  two_person: 'Two-person: another editor approves',
};

/** The review policy: chosen when an organization is added, changed by network admins. */
export function ReviewPolicyField({
  value,
  onChange,
}: {
  value: ReviewPolicy;
  onChange: (next: ReviewPolicy) => void;
}) {
  return (
    <label className="field">
      <span>Review policy</span>
      <select value={value} onChange={(e) => onChange(e.target.value as ReviewPolicy)}>
        {REVIEW_POLICIES.map((p) => (
          <option key={p} value={p}>
            {POLICY_CHOICES[p]}
          </option>
        ))}
      </select>
    </label>
  );
}

const MEMBER_ROLES = { reader: 'Reader', editor: 'Editor' } as const;

/**
 * /organizations/:slug/manage — the organization's admins (and network admins) manage its
 * members and invitations; network admins also its name, description and review policy.
 */
export function OrganizationManagePage() {
  const { slug = '' } = useParams();
  const user = useCurrentUser();
  const page = useOrganizationPage(slug);
  if (page.isPending) return <Spinner />;
  if (page.isError) {
    return (
      <div className="page narrow">
        <ErrorMessage error={page.error} retry={() => void page.refetch()} />
      </div>
    );
  }
  const org = page.data.organization;
  const manages = user.role === 'admin' || (user.orgAdmin && user.organizationId === org.id);
  return (
    <div className="page narrow">
      <nav aria-label="Breadcrumb" className={styles.kicker}>
        <Link to={`/organizations/${org.slug}`}>{org.name}</Link>
      </nav>
      <h1 className={styles.title}>Manage {org.name}</h1>
      {!manages ? (
        <p>Only this organization’s administrators and the network administrators manage its members.</p>
      ) : (
        <>
          {user.role === 'admin' ? <SettingsSection organization={org} /> : null}
          <MembersSection organizationId={org.id} selfId={user.id} />
          <InvitationsSection organizationId={org.id} />
        </>
      )}
    </div>
  );
}

function SettingsSection({ organization: org }: { organization: Organization }) {
  const update = useUpdateOrganization(org.id);
  const [name, setName] = useState(org.name);
  const [shortName, setShortName] = useState(org.shortName);
  const [description, setDescription] = useState(org.description);
  const [contact, setContact] = useState(org.contact);
  const [reviewPolicy, setReviewPolicy] = useState<ReviewPolicy>(org.reviewPolicy);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name: name.trim(), shortName, description, contact, reviewPolicy });
  };
  return (
    <section className={styles.section} aria-labelledby="org-settings">
      <h2 id="org-settings">Organization</h2>
      <form className={styles.form} onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Short name</span>
          <input maxLength={40} value={shortName} onChange={(e) => setShortName(e.target.value)} />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label className="field">
          <span>Contact line</span>
          <input maxLength={300} value={contact} onChange={(e) => setContact(e.target.value)} />
        </label>
        <ReviewPolicyField value={reviewPolicy} onChange={setReviewPolicy} />
        <div>
          <button type="submit" className="button primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save the organization'}
          </button>
        </div>
        {update.isError ? <ErrorMessage error={update.error} /> : null}
        {update.isSuccess ? (
          <p role="status" className="alert alert-success">
            Saved.
          </p>
        ) : null}
      </form>
    </section>
  );
}

function MembersSection({ organizationId, selfId }: { organizationId: string; selfId: string }) {
  const members = useMembers(organizationId);
  const update = useUpdateMember(organizationId);
  return (
    <section className={styles.section} aria-labelledby="org-members">
      <h2 id="org-members">Members</h2>
      {members.isPending ? <Spinner label="Loading the members…" /> : null}
      {members.isError ? <ErrorMessage error={members.error} retry={() => void members.refetch()} /> : null}
      {update.isError ? <ErrorMessage error={update.error} /> : null}
      {members.data && members.data.items.length === 0 ? (
        <p className={styles.secondary}>No members yet: invite someone below.</p>
      ) : null}
      <ul className={styles.rows} data-testid="members">
        {members.data?.items.map((m) => (
          <MemberRow
            key={m.id}
            member={m}
            isSelf={m.id === selfId}
            busy={update.isPending}
            onChange={(change, onError) => update.mutate({ userId: m.id, change }, { onError })}
          />
        ))}
      </ul>
    </section>
  );
}

function MemberRow({
  member: m,
  isSelf,
  busy,
  onChange,
}: {
  member: OrganizationMember;
  isSelf: boolean;
  busy: boolean;
  onChange: (change: { role?: 'reader' | 'editor'; orgAdmin?: boolean; remove?: true }, onError?: () => void) => void;
}) {
  // A choice shows at once, in the change's own render: the server's answer comes later, and a
  // controlled control that keeps its old value for that while is put back by React. A failed
  // save falls back to what the server holds.
  const [role, setRole] = useState<'reader' | 'editor'>();
  const [orgAdmin, setOrgAdmin] = useState<boolean>();
  return (
    <li className={styles.row}>
      <div className={styles.rowMain}>
        <strong>{m.name}</strong> {isSelf ? <span className="badge">You</span> : null}{' '}
        {m.disabled ? <span className="badge badge-muted">Disabled</span> : null}
        <div className={`${styles.secondary} small`}>{m.email}</div>
      </div>
      <div className={styles.rowControls}>
        {m.role === 'admin' ? (
          <span className="badge">Network admin</span>
        ) : (
          <label className={styles.check}>
            <span className="visually-hidden">Role of {m.name}</span>
            <select
              value={role ?? m.role}
              disabled={busy}
              onChange={(e) => {
                const chosen = e.target.value as 'reader' | 'editor';
                setRole(chosen);
                onChange({ role: chosen }, () => setRole(undefined));
              }}
            >
              {Object.entries(MEMBER_ROLES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className={styles.check}>
          <input
            type="checkbox"
            checked={orgAdmin ?? m.orgAdmin}
            disabled={busy || isSelf}
            onChange={(e) => {
              setOrgAdmin(e.target.checked);
              onChange({ orgAdmin: e.target.checked }, () => setOrgAdmin(undefined));
            }}
          />
          Organization admin
        </label>
        <button
          type="button"
          className="button small danger"
          disabled={busy || isSelf}
          onClick={() => onChange({ remove: true })}
          aria-label={`Remove ${m.name} from the organization`}
        >
          Remove
        </button>
      </div>
    </li>
  );
}

function InvitationsSection({ organizationId }: { organizationId: string }) {
  const invite = useInviteToOrganization(organizationId);
  const pending = useOrganizationInvitations(organizationId);
  const revoke = useRevokeOrganizationInvitation(organizationId);
  const items = pending.data?.items ?? [];
  return (
    <section className={styles.section} aria-labelledby="org-invitations">
      <h2 id="org-invitations">Invitations</h2>
      <InviteForm
        invite={invite}
        roles={MEMBER_ROLES}
        roleLabel="Joins as"
        initialRole="editor"
        className={styles.inline}
      />
      <h3>Pending</h3>
      {pending.isError ? <ErrorMessage error={pending.error} retry={() => void pending.refetch()} /> : null}
      {revoke.isError ? <ErrorMessage error={revoke.error} /> : null}
      {pending.data && items.length === 0 ? <p className={styles.secondary}>No pending invitations.</p> : null}
      <ul className={styles.rows} data-testid="pending-invitations">
        {items.map((invitation) => (
          <PendingInvitationItem
            key={invitation.id}
            invitation={invitation}
            roleName={MEMBER_ROLES[invitation.role as 'reader' | 'editor'] ?? invitation.role}
            revoking={revoke.isPending}
            onRevoke={() => revoke.mutate(invitation.id)}
            className={styles.row}
            mainClassName={styles.rowMain}
          />
        ))}
      </ul>
    </section>
  );
}
