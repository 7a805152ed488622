import {
  type AdvisoryLink,
  type Assessment,
  CONSEQUENCE_COLUMN_CODES,
  CONSEQUENCE_COLUMNS,
  type ConsequenceColumn,
  formatSentenceDays,
  type OffenseEntryView,
} from '@kb/contracts';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { Markdown } from '../../../components/ui/markdown';
import { Spinner } from '../../../components/ui/spinner';
import { ApiError } from '../../../lib/api-client';
import { hasRole, useAuth } from '../../../lib/auth';
import { ChangeNotice, FollowButton } from '../../alerts';
import { CitesList, NeedsReviewBadge, ReviewNotice } from '../../authorities';
import { useOffenseEntry } from '../api/get-offense-entry';
import { circuitLabel, subparagraphText } from './assessment-cell';
import { GRADE_LABELS } from './chart-table';
import styles from './offense-entry.module.css';
import { OutcomeBadge } from './outcome-badge';
import { SaferAlternatives } from './safer-alternatives';

/** /charts/:jurisdiction/:slug — one chart row with everything behind it. */
export function OffenseEntryPage() {
  const { jurisdiction = '', slug = '' } = useParams();
  const entry = useOffenseEntry(`${jurisdiction}-${slug}`);
  if (entry.isPending) return <Spinner label="Opening the entry…" />;
  if (entry.isError) {
    const missing = entry.error instanceof ApiError && (entry.error.status === 404 || entry.error.status === 400);
    return (
      <div className="page narrow">
        {missing ? (
          <>
            <h1>No such entry</h1>
            <p>
              The chart has no published row at this address: it may have been renamed or withdrawn.{' '}
              <Link to={`/charts/${encodeURIComponent(jurisdiction)}`}>Open the chart</Link>.
            </p>
          </>
        ) : (
          <ErrorMessage error={entry.error} retry={() => void entry.refetch()} />
        )}
      </div>
    );
  }
  return <Entry entry={entry.data} />;
}

const advisoryHref = (link: AdvisoryLink) =>
  `/documents/${encodeURIComponent(link.slug)}${link.anchor ? `#${encodeURIComponent(link.anchor)}` : ''}`;

function Entry({ entry }: { entry: OffenseEntryView }) {
  const { state } = useAuth();
  const editor = hasRole(state.user, 'editor');
  const { data } = entry;
  const chartPath = `/charts/${encodeURIComponent(entry.jurisdiction)}`;
  const library = new Map(entry.authorityLinks.map((link) => [link.text, link.document]));

  return (
    <article className={`page ${styles.page}`} aria-labelledby="entry-title">
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link to="/charts">Charts</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={chartPath}>{entry.jurisdictionLabel}</Link>
      </nav>
      <h1 id="entry-title" className={styles.title}>
        {data.offenseName}
      </h1>
      <p className={styles.statutes}>{data.statutes.join('; ')}</p>
      <div className={styles.follows}>
        <FollowButton kind="offense" target={entry.id} label={`this row: ${entry.title}`} text="Follow this row" />
        {data.statutes.map((statute) => (
          <FollowButton
            key={statute}
            kind="citation"
            target={statute}
            label={`${statute}, with future rows for it`}
            text={`Follow ${statute}`}
            textOn={`Following ${statute}`}
          />
        ))}
      </div>

      <ChangeNotice documentId={entry.id} sections={false} />

      {entry.supersededBy ? (
        <div className="alert alert-warning" role="note">
          This entry is superseded by{' '}
          <Link to={`/documents/${encodeURIComponent(entry.supersededBy.slug)}`}>{entry.supersededBy.title}</Link>.
        </div>
      ) : null}

      <ReviewNotice reasons={entry.reviewReasons} />

      <dl className={styles.facts}>
        <div>
          <dt>Grade</dt>
          <dd>{GRADE_LABELS[data.grade]}</dd>
        </div>
        <div>
          <dt>Maximum sentence</dt>
          <dd>{formatSentenceDays(data.maxSentenceDays)}</dd>
        </div>
        <div>
          <dt>Jurisdiction</dt>
          <dd>
            <Link to={chartPath}>{entry.jurisdictionLabel}</Link>
          </dd>
        </div>
        {entry.publisher ? (
          <div>
            <dt>Publisher</dt>
            <dd>{entry.publisher}</dd>
          </div>
        ) : null}
        <div>
          <dt>Last reviewed</dt>
          <dd>
            {entry.lastReviewedAt ? formatDate(entry.lastReviewedAt) : 'Not recorded'}
            {entry.reviewReasons.length > 0 ? (
              <>
                {' '}
                <NeedsReviewBadge />
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Revision</dt>
          <dd>
            {entry.revisionNumber}
            {entry.publishedAt ? <span className="muted"> · published {formatDate(entry.publishedAt)}</span> : null}
            {editor ? (
              <>
                {' '}
                · <Link to={`/editor/${entry.id}?tab=history`}>History</Link>
              </>
            ) : null}
          </dd>
        </div>
      </dl>

      {entry.summary ? <p className={styles.summary}>{entry.summary}</p> : null}

      <section aria-labelledby="consequences-heading">
        <h2 id="consequences-heading">Immigration consequences</h2>
        <div className={styles.assessments}>
          {CONSEQUENCE_COLUMN_CODES.map((column) => (
            <AssessmentSection key={column} column={column} assessment={data.assessments[column]} library={library} />
          ))}
        </div>
      </section>

      <section aria-labelledby="alternatives-heading">
        <h2 id="alternatives-heading">Safer alternatives</h2>
        <SaferAlternatives alternatives={entry.saferAlternatives} />
      </section>

      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">Practice notes</h2>
        {data.practiceNotes.trim() ? (
          <Markdown source={data.practiceNotes} />
        ) : (
          <p className={styles.quiet}>None yet.</p>
        )}
      </section>

      {entry.cites.length > 0 ? (
        <section aria-labelledby="cites-heading">
          <h2 id="cites-heading">Authorities cited</h2>
          <CitesList cites={entry.cites} />
        </section>
      ) : null}

      <section aria-labelledby="advisories-heading">
        <h2 id="advisories-heading">Advisories that explain it</h2>
        <LinkList links={entry.advisories} empty="No advisory is linked to this row yet." />
        {entry.citedBy.length > 0 ? (
          <>
            <h3 className={styles.subheading}>Cited by ({entry.citedBy.length})</h3>
            <LinkList links={entry.citedBy} empty="" />
          </>
        ) : null}
      </section>

      {/* Not a paragraph: alone in it, the link would be inline text too small to tap on a phone. */}
      <div className={styles.footer}>
        {editor ? (
          <Link className="button" to={`/editor/${entry.id}`}>
            Edit this entry
          </Link>
        ) : null}{' '}
        <Link to={chartPath}>Back to the {entry.jurisdictionLabel} chart</Link>
      </div>
    </article>
  );
}

function LinkList({ links, empty }: { links: AdvisoryLink[]; empty: string }) {
  if (links.length === 0) return <p className={styles.quiet}>{empty}</p>;
  return (
    <ul className={styles.links}>
      {links.map((link) => (
        <li key={`${link.slug}#${link.anchor ?? ''}`}>
          <Link to={advisoryHref(link)}>{link.title}</Link>
          {link.sectionHeading ? <span className={styles.quiet}> — § {link.sectionHeading}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function conditionText(condition: Assessment['condition']): string[] {
  if (!condition) return [];
  const parts: string[] = [];
  if (condition.sentenceDaysAtLeast !== undefined) {
    parts.push(`a sentence of ${condition.sentenceDaysAtLeast} days or more is imposed`);
  }
  if (condition.lossOver !== undefined) {
    parts.push(`the loss to the victim exceeds $${condition.lossOver.toLocaleString('en-US')}`);
  }
  if (condition.quantityGramsOver !== undefined) parts.push(`the quantity exceeds ${condition.quantityGramsOver} g`);
  return parts;
}

function AssessmentSection({
  column,
  assessment,
  library,
}: {
  column: ConsequenceColumn;
  assessment: Assessment | undefined;
  library: Map<string, { slug: string; title: string }>;
}) {
  const headingId = `assessment-${column}`;
  const condition = conditionText(assessment?.condition);
  const subparagraphs = column === 'aggravated_felony' ? subparagraphText(assessment?.subparagraphs ?? []) : '';
  return (
    <section className={styles.assessment} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.assessmentHeading}>
        <span>{CONSEQUENCE_COLUMNS[column]}</span>
        <OutcomeBadge outcome={assessment?.outcome ?? 'unclear'} />
      </h3>
      {!assessment ? (
        <p className={styles.quiet}>Not assessed yet: treat it as unclear and check the law.</p>
      ) : (
        <>
          {assessment.summary ? <p>{assessment.summary}</p> : null}
          {subparagraphs ? <p className="small">Subparagraphs: {subparagraphs}</p> : null}
          {condition.length > 0 ? <p className="small">Condition: {condition.join('; ')}.</p> : null}
          {assessment.circuitNotes?.length ? (
            <dl className={styles.circuits}>
              {assessment.circuitNotes.map((note) => (
                <div key={`${note.circuit}-${note.note}`}>
                  <dt>{circuitLabel(note.circuit)}</dt>
                  <dd>{note.note}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {assessment.authorities.length > 0 ? (
            <div className="small">
              <span className={styles.authoritiesLabel}>Authorities</span>
              <ul className={styles.authorities}>
                {assessment.authorities.map((authority) => {
                  const doc = library.get(authority);
                  return (
                    <li key={authority}>
                      {doc ? <Link to={`/documents/${encodeURIComponent(doc.slug)}`}>{authority}</Link> : authority}
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
