import type { ReviewPolicy } from '@kb/contracts';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate, jurisdictionLabel, kindLabel } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { ApiError } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/auth';
import { useOrganizationPage, useOrganizations } from '../api/get-organization';
import { useCreateOrganization } from '../api/manage';
import styles from './organization.module.css';
import { ReviewPolicyField } from './organization-manage-page';

const POLICY_LABELS = {
  single: 'Published after review by one of its editors',
  two_person: 'Two-person review: a second editor approves every publication',
} as const;

/** /organizations/:slug — who publishes, what (newest first), its charts and how to reach it. */
export function OrganizationPage() {
  const { slug = '' } = useParams();
  const user = useCurrentUser();
  const page = useOrganizationPage(slug);
  if (page.isPending) return <Spinner />;
  if (page.isError) {
    return (
      <div className="page narrow">
        {page.error instanceof ApiError && page.error.status === 404 ? (
          <>
            <h1>Organization not found</h1>
            <p>
              The address may be mistyped. <Link to="/organizations">All organizations</Link>
            </p>
          </>
        ) : (
          <ErrorMessage error={page.error} retry={() => void page.refetch()} />
        )}
      </div>
    );
  }
  const { organization: org, documents, charts } = page.data;
  const manages = user.role === 'admin' || (user.orgAdmin && user.organizationId === org.id);
  return (
    <div className="page">
      <header className={styles.header}>
        <nav aria-label="Breadcrumb" className={styles.kicker}>
          <Link to="/organizations">Organizations</Link>
        </nav>
        <h1 className={styles.title}>
          {org.name}
          {org.shortName ? <span className={styles.secondary}> ({org.shortName})</span> : null}
        </h1>
        {org.description ? <p>{org.description}</p> : null}
        <p className={`${styles.secondary} small`}>{POLICY_LABELS[org.reviewPolicy]}</p>
        {org.contact ? (
          <p className={styles.contact} data-testid="organization-contact">
            <strong>Contact:</strong> {org.contact}
          </p>
        ) : null}
        {manages ? (
          <p>
            <Link to={`/organizations/${org.slug}/manage`}>Manage members and invitations</Link>
          </p>
        ) : null}
      </header>
      <div className={styles.columns}>
        <section aria-labelledby="org-publications">
          <h2 id="org-publications">Publications, newest first</h2>
          {documents.length === 0 ? (
            <p className={styles.secondary}>Nothing published yet.</p>
          ) : (
            <ul className={styles.list}>
              {documents.map((d) => (
                <li key={d.id} className={styles.item}>
                  <Link to={`/documents/${d.slug}`} className={styles.itemTitle}>
                    {d.title}
                  </Link>
                  <p className={`${styles.itemMeta} ${styles.secondary} small`}>
                    {kindLabel(d.kind)}
                    {d.documentDate ? ` · ${formatDate(d.documentDate)}` : ''}
                    {d.jurisdictions.length > 0 ? ` · ${d.jurisdictions.map(jurisdictionLabel).join(', ')}` : ''}
                  </p>
                  {d.summary ? <p className={styles.itemSummary}>{d.summary}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="org-charts">
          <h2 id="org-charts">Charts</h2>
          {charts.length === 0 ? (
            <p className={styles.secondary}>No offense entries published yet.</p>
          ) : (
            <ul className={styles.list}>
              {charts.map((c) => (
                <li key={c.jurisdiction} className={styles.item}>
                  {jurisdictionLabel(c.jurisdiction)}:{' '}
                  <span className={styles.secondary}>
                    {c.entries} {c.entries === 1 ? 'entry' : 'entries'}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <div>
            <Link to={`/?publisher=${encodeURIComponent(org.name)}`}>Search its publications</Link>
          </div>
        </section>
      </div>
    </div>
  );
}

/** /organizations — the members of the network. */
export function OrganizationsPage() {
  const user = useCurrentUser();
  const list = useOrganizations();
  if (list.isPending) return <Spinner />;
  if (list.isError) {
    return (
      <div className="page narrow">
        <ErrorMessage error={list.error} retry={() => void list.refetch()} />
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>Organizations</h1>
      <p>Each organization publishes under its own name and reviews its own guidance.</p>
      <ul className={styles.directory}>
        {list.data.items.map((o) => (
          <li key={o.id}>
            <Link to={`/organizations/${o.slug}`}>{o.name}</Link>
            {user.role === 'admin' || (user.orgAdmin && user.organizationId === o.id) ? (
              <>
                {' · '}
                <Link to={`/organizations/${o.slug}/manage`} aria-label={`Manage ${o.name}`}>
                  Manage
                </Link>
              </>
            ) : null}
            {o.description ? <p className={`${styles.secondary} small`}>{o.description}</p> : null}
          </li>
        ))}
      </ul>
      {user.role === 'admin' ? <CreateOrganizationForm /> : null}
    </div>
  );
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

/** Network admins add a member organization to the network. */
function CreateOrganizationForm() {
  const create = useCreateOrganization();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [reviewPolicy, setReviewPolicy] = useState<ReviewPolicy>('two_person');
  const address = slug || slugOf(name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), slug: address, reviewPolicy },
      { onSuccess: () => navigate(`/organizations/${address}/manage`) },
    );
  };
  return (
    <section className={styles.section} aria-labelledby="create-organization">
      <h2 id="create-organization">Add an organization</h2>
      <form className={styles.form} onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Address</span>
          <input
            required
            minLength={2}
            maxLength={80}
            pattern="[a-z0-9][a-z0-9\-]*[a-z0-9]"
            value={address}
            onChange={(e) => setSlug(e.target.value)}
            aria-describedby="create-organization-address"
          />
          <span id="create-organization-address" className={`${styles.secondary} small`}>
            /organizations/{address || '…'} (lower-case letters, digits and hyphens)
          </span>
        </label>
        <ReviewPolicyField value={reviewPolicy} onChange={setReviewPolicy} />
        <div>
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create the organization'}
          </button>
        </div>
        {create.isError ? <ErrorMessage error={create.error} /> : null}
      </form>
    </section>
  );
}
