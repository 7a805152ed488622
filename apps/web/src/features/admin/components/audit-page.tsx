import { AUDIT_ACTION_LABELS, type AuditEntry, ROLE_LABELS, type Role } from '@kb/contracts';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Pager, pageRange } from '../../../components/ui/pager';
import { RecordTable } from '../../../components/ui/record-table';
import { Spinner } from '../../../components/ui/spinner';
import { useAudit } from '../api/list-audit';
import { useAuditActions } from '../api/list-audit-actions';
import { useTypedFilter, useUrlFilters } from '../hooks/use-url-filters';
import styles from './admin.module.css';
import { AdminNav } from './admin-nav';
import { formatDateTime } from './format';

const PER_PAGE = 50;

/** Names of the groups of actions (the part before the dot), for "all … events" filters. */
const GROUP_LABELS: Record<string, string> = {
  auth: 'sign-in and account',
  admin: 'administration',
  document: 'document',
  documents: 'document',
  taxonomy: 'vocabulary',
};

/** The readable name of an action; unknown ones are spelled out from their code (`document.import` → "Document import"). */
function actionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Who did what, when, from where: the trail an IT reviewer or a supervising attorney reads. */
export function AuditPage() {
  const { params, page, update } = useUrlFilters();
  const action = params.get('action') ?? '';
  const actor = params.get('actor') ?? '';
  const [who, setWho] = useTypedFilter(actor, update, 'actor');
  const actions = useAuditActions();
  const audit = useAudit({ action: action || undefined, actor: actor || undefined, page, perPage: PER_PAGE });
  const groups = [...new Set((actions.data?.actions ?? []).map((a) => a.split('.')[0] ?? a))];

  return (
    <div className="page">
      <AdminNav />
      <h1>Audit log</h1>
      <p className="muted">
        Sign-ins, failed sign-ins, invitations, role changes, disabled accounts and password resets — who, what, when
        and from which address. Newest first.
      </p>
      <section className={styles.adminPanel}>
        <search className={styles.adminFilters}>
          <label className="field">
            <span>Action</span>
            <select value={action} onChange={(e) => update({ action: e.target.value || null })}>
              <option value="">All actions</option>
              {groups.map((group) => (
                <optgroup key={group} label={`${GROUP_LABELS[group] ?? group} events`}>
                  <option value={`${group}.`}>All {GROUP_LABELS[group] ?? group} events</option>
                  {(actions.data?.actions ?? [])
                    .filter((a) => a.startsWith(`${group}.`))
                    .map((a) => (
                      <option key={a} value={a}>
                        {actionLabel(a)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label className={`field ${styles.grow}`}>
            <span>Who</span>
            <input
              type="search"
              placeholder="Name or e-mail of the person who acted"
              value={who}
              onChange={(e) => setWho(e.target.value)}
            />
          </label>
        </search>

        {audit.isPending ? <Spinner label="Loading the audit log…" /> : null}
        {audit.isError ? <ErrorMessage error={audit.error} retry={() => void audit.refetch()} /> : null}
        {audit.data ? (
          audit.data.items.length === 0 ? (
            <p className={`muted ${styles.empty}`}>No entry matches.</p>
          ) : (
            <RecordTable
              className={styles.adminTable}
              caption="Audit log, newest first"
              columns={['When', 'Who', 'What', 'Details', 'From']}
            >
              {audit.data.items.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </RecordTable>
          )
        ) : null}
        {audit.data && audit.data.total > 0 ? (
          <Pager
            label="Pages of the audit log"
            page={audit.data.page}
            {...pageRange(audit.data.page, audit.data.perPage, audit.data.total)}
            onPage={(p) => update({ page: p > 1 ? String(p) : null })}
          />
        ) : null}
      </section>
    </div>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const failed = entry.action.endsWith('_failed') || entry.action.endsWith('_detected');
  return (
    <tr>
      <td data-label="When" className={`${styles.nowrap} small`}>
        <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
      </td>
      <td data-label="Who">
        {entry.actor ? (
          <>
            <div>{entry.actor.name}</div>
            <div className={`muted small ${styles.personEmail}`}>{entry.actor.email}</div>
          </>
        ) : (
          // No account: a failed sign-in with an unknown e-mail, or the system itself (seed, import).
          <span className="muted">{entry.action === 'auth.sign_in_failed' ? 'Unknown account' : 'System'}</span>
        )}
      </td>
      <td data-label="What">
        <span className={failed ? `${styles.action} ${styles.actionWarning}` : styles.action}>
          {actionLabel(entry.action)}
        </span>
        {entry.targetLabel && entry.targetLabel !== entry.actor?.email ? (
          <div className="small">{entry.targetLabel}</div>
        ) : null}
      </td>
      <td data-label="Details" className="small">
        <Details entry={entry} />
      </td>
      <td data-label="From" className={`small ${styles.mono}`}>
        {entry.ip ?? <span className="muted">—</span>}
      </td>
    </tr>
  );
}

const roleName = (value: unknown) => ROLE_LABELS[value as Role] ?? String(value);

/** The details an admin needs, in words; ids and repeated e-mails left out. */
function Details({ entry }: { entry: AuditEntry }) {
  const d = entry.details as Record<string, unknown>;
  const parts: string[] = [];
  if (entry.action === 'admin.role_changed') parts.push(`${roleName(d.from)} → ${roleName(d.to)}`);
  else if (typeof d.role === 'string') parts.push(`Role: ${roleName(d.role)}`);
  if (typeof d.email === 'string' && d.email !== entry.targetLabel && d.email !== entry.actor?.email) {
    parts.push(entry.action === 'auth.sign_in_failed' ? `Tried: ${d.email}` : d.email);
  }
  if (typeof d.expiresAt === 'string') parts.push(`Link valid until ${formatDateTime(d.expiresAt)}`);
  for (const [key, value] of Object.entries(d)) {
    if (['from', 'to', 'role', 'email', 'expiresAt', 'invitationId', 'invitedBy', 'issuedBy'].includes(key)) continue;
    if (value === null || value === undefined || typeof value === 'object') continue;
    parts.push(`${key}: ${String(value)}`);
  }
  if (parts.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {parts.map((part) => (
        <div key={part}>{part}</div>
      ))}
    </>
  );
}
