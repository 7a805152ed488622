import { type OneTimeLink, ROLE_LABELS, ROLES, type Role, USER_STATUSES, type User } from '@kb/contracts';
import { useState } from 'react';
import { ErrorMessage, errorText } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { Pager, pageRange } from '../../../components/ui/pager';
import { RecordTable } from '../../../components/ui/record-table';
import { Spinner } from '../../../components/ui/spinner';
import { refreshSession } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/auth';
import { useCreatePasswordReset } from '../api/create-password-reset';
import { useUsers } from '../api/list-users';
import { useUpdateUser } from '../api/update-user';
import { useTypedFilter, useUrlFilters } from '../hooks/use-url-filters';
import styles from './admin.module.css';
import { AdminNav } from './admin-nav';
import { InvitePanel } from './invite-panel';
import { OneTimeLinkBox } from './one-time-link';

const PER_PAGE = 25;

type Notice = { kind: 'success' | 'error'; text: string } | null;

export function UsersPage() {
  const { params, page, update } = useUrlFilters();
  const q = params.get('q') ?? '';
  const role = ROLES.find((r) => r === params.get('role'));
  const status = USER_STATUSES.find((s) => s === params.get('status'));
  const [search, setSearch] = useTypedFilter(q, update, 'q');
  const [notice, setNotice] = useState<Notice>(null);
  const [resetLink, setResetLink] = useState<{ user: User; link: OneTimeLink } | null>(null);
  const users = useUsers({ q: q || undefined, role, status, page, perPage: PER_PAGE });

  return (
    <div className="page">
      <AdminNav />
      <h1>Users</h1>
      <InvitePanel />

      <section className={styles.adminPanel} aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        <search className={styles.adminFilters}>
          <label className={`field ${styles.grow}`}>
            <span>Search</span>
            <input
              type="search"
              placeholder="Name, e-mail or organization"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
          <label className="field">
            <span>Role</span>
            <select value={role ?? ''} onChange={(e) => update({ role: e.target.value || null })}>
              <option value="">All roles</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Status</span>
            <select value={status ?? ''} onChange={(e) => update({ status: e.target.value || null })}>
              <option value="">Active and disabled</option>
              <option value="active">Active</option>
              <option value="disabled">Disabled</option>
            </select>
          </label>
        </search>

        <div aria-live="polite">
          {notice ? (
            <div className={`alert alert-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : undefined}>
              {notice.text}
            </div>
          ) : null}
        </div>
        {resetLink ? (
          <OneTimeLinkBox
            title={`Password-reset link for ${resetLink.user.email}`}
            url={resetLink.link.url}
            expiresAt={resetLink.link.expiresAt}
            delivered={resetLink.link.delivered}
            onDismiss={() => setResetLink(null)}
          />
        ) : null}

        {users.isPending ? <Spinner label="Loading accounts…" /> : null}
        {users.isError ? <ErrorMessage error={users.error} retry={() => void users.refetch()} /> : null}
        {users.data ? (
          users.data.items.length === 0 ? (
            <p className={`muted ${styles.empty}`}>No account matches.</p>
          ) : (
            <RecordTable
              className={styles.adminTable}
              caption="Accounts"
              columns={['Person', 'Role', 'Status', 'Last sign-in']}
              actions
            >
              {users.data.items.map((user) => (
                <UserRow key={user.id} user={user} onNotice={setNotice} onResetLink={setResetLink} />
              ))}
            </RecordTable>
          )
        ) : null}
        {users.data && users.data.total > 0 ? (
          <Pager
            label="Pages of accounts"
            page={users.data.page}
            {...pageRange(users.data.page, users.data.perPage, users.data.total)}
            onPage={(p) => update({ page: p > 1 ? String(p) : null })}
          />
        ) : null}
      </section>
    </div>
  );
}

function UserRow({
  user,
  onNotice,
  onResetLink,
}: {
  user: User;
  onNotice: (notice: Notice) => void;
  onResetLink: (value: { user: User; link: OneTimeLink }) => void;
}) {
  const me = useCurrentUser();
  const update = useUpdateUser();
  const reset = useCreatePasswordReset();
  const [confirmDisable, setConfirmDisable] = useState(false);
  // The role chosen shows at once, in the change's own render (the list refetches later, and a
  // controlled select that keeps the old value meanwhile is put back by React); a failed save
  // falls back to what the server holds.
  const [chosenRole, setChosenRole] = useState<Role>();
  const isMe = user.id === me.id;
  const who = user.name || user.email;

  const changeRole = (role: Role) => {
    setChosenRole(role);
    update.mutate(
      { id: user.id, role },
      {
        onSuccess: (updated) => {
          onNotice({ kind: 'success', text: `${who} is now ${ROLE_LABELS[updated.role].toLowerCase()}.` });
          // Your own role changed: the navigation must follow at once.
          if (isMe) void refreshSession();
        },
        onError: (error) => {
          setChosenRole(undefined);
          onNotice({ kind: 'error', text: errorText(error) });
        },
      },
    );
  };
  const setDisabled = (disabled: boolean) =>
    update.mutate(
      { id: user.id, disabled },
      {
        onSuccess: () => {
          setConfirmDisable(false);
          onNotice({
            kind: 'success',
            text: disabled ? `${who} is disabled and signed out everywhere.` : `${who} can sign in again.`,
          });
        },
        onError: (error) => onNotice({ kind: 'error', text: errorText(error) }),
      },
    );
  const issueReset = () =>
    reset.mutate(user.id, {
      onSuccess: (link) => {
        onNotice(null);
        onResetLink({ user, link });
      },
      onError: (error) => onNotice({ kind: 'error', text: errorText(error) }),
    });

  return (
    <tr className={user.disabled ? styles.isDisabled : undefined}>
      <td data-label="Person">
        <div className={styles.personName}>
          {user.name}
          {isMe ? <span className="muted small"> (you)</span> : null}
        </div>
        <div className={`muted small ${styles.personEmail}`}>{user.email}</div>
        {user.organization ? <div className="muted small">{user.organization}</div> : null}
      </td>
      <td data-label="Role">
        <select
          aria-label={`Role of ${who}`}
          value={chosenRole ?? user.role}
          disabled={update.isPending}
          onChange={(e) => changeRole(e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td data-label="Status">
        {user.disabled ? (
          <span className="badge badge-danger">Disabled</span>
        ) : (
          <span className={`badge ${styles.badgeActive}`}>Active</span>
        )}
      </td>
      <td data-label="Last sign-in" className="small">
        {user.lastSignInAt ? formatDate(user.lastSignInAt) : <span className="muted">Never</span>}
      </td>
      <td className={styles.rowActions}>
        {confirmDisable ? (
          <span className={styles.confirm}>
            <span className="small">Disable {who}?</span>
            <button
              type="button"
              className="button small danger"
              disabled={update.isPending}
              onClick={() => setDisabled(true)}
            >
              Disable
            </button>
            <button type="button" className="button small" onClick={() => setConfirmDisable(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <>
            {!user.disabled ? (
              <button
                type="button"
                className="button small"
                disabled={reset.isPending}
                onClick={issueReset}
                aria-label={`Password-reset link for ${who}`}
              >
                Reset link
              </button>
            ) : null}
            {user.disabled ? (
              <button
                type="button"
                className="button small"
                disabled={update.isPending}
                onClick={() => setDisabled(false)}
                aria-label={`Enable ${who}`}
              >
                Enable
              </button>
            ) : isMe ? null : (
              <button
                type="button"
                className="button small danger"
                onClick={() => setConfirmDisable(true)}
                aria-label={`Disable ${who}`}
              >
                Disable
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
