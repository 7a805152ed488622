import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type AuthorityCard,
  type AuthorityListItem,
  type AuthorityStatusResponse,
  type AuthorityStatusUpdate,
  type DocumentKind,
  type ReviewQueueQuery,
  type ReviewQueueResponse,
  readerPath,
} from '@kb/contracts';
import { type Database, metaValue, seedDataFolder, setMetaValue, type Tx, withAdvisoryLock } from '@kb/db';
import { slugify } from '@kb/markdown';
import { CITATION_KEY_SCHEME } from '@kb/search';
import { REVIEW_STALE_MONTHS } from '../../config';
import { badRequest, notFound } from '../../lib/errors';
import type { CurrentUser } from '../../plugins/auth';
import { rekeyCitationWatches } from '../alerts';
import { recordAudit } from '../audit';
import {
  type Actor,
  authorityKeyOf,
  authorityStatusesOf,
  authorityStatusOf,
  citationKey,
  citedBy,
  heldAuthority,
  needingReviewFor,
  publishedCiting,
  queueForIndex,
  queueUnqueuedPublished,
  rebuildCitationGraph,
  recordDocumentEvent,
  rederiveOffenseStatutes,
  reviewReasons,
} from '../documents';
import {
  allCards,
  type CardRow,
  cardMatching,
  findCard,
  insertStatusEntry,
  reviewQueue,
  statusHistory,
  upsertCards,
} from './authorities.repository';

/* Seeding and the graph backfill --------------------------------------------------------- */

interface CardFile {
  citation: string;
  name: string;
  court: string;
  decidedOn?: string;
  summary: string;
}

export function readAuthorityCards(file = path.join(seedDataFolder, 'authorities.json')): CardRow[] {
  const cards = JSON.parse(readFileSync(file, 'utf8')) as CardFile[];
  return cards.map((card) => {
    const key = citationKey(card.citation);
    return {
      slug: slugify(card.name),
      name: card.name,
      citation: card.citation,
      court: card.court,
      decidedOn: card.decidedOn ?? null,
      summary: card.summary,
      normalized: key.normalized,
      caseName: key.caseName,
    };
  });
}

// Bumped when the resolution rules change: the next start rebuilds the whole graph.
/** The graph's keys are citation keys: a new key scheme rebuilds it, re-keys what is stored and reindexes. */
const GRAPH_VERSION = `1+keys${CITATION_KEY_SCHEME}`;
const GRAPH_META_KEY = 'citation_graph_version';

/**
 * Loads the authority cards (db/seed/authorities.json) and, in a database whose documents were
 * published before the graph existed (or under older rules), builds the citation graph from
 * every published revision. Idempotent; run at start and by the seed.
 */
export function syncAuthorities(db: Database): Promise<{ cards: number; rebuilt: number | null }> {
  // Replicas starting together build the graph once.
  return withAdvisoryLock(db, SYNC_LOCK, () => syncUnlocked(db));
}

const SYNC_LOCK = 7_311_202_616;

async function syncUnlocked(db: Database): Promise<{ cards: number; rebuilt: number | null }> {
  const cards = readAuthorityCards();
  await upsertCards(db, cards);
  if ((await metaValue(db, GRAPH_META_KEY)) === GRAPH_VERSION) return { cards: cards.length, rebuilt: null };
  const rebuilt = await rebuildCitationGraph(db);
  // The other keys derived from citations: chart rows' statutes and citation watches.
  await db.transaction(async (tx) => {
    await rederiveOffenseStatutes(tx);
    await rekeyCitationWatches(tx);
  });
  // Index entries written before carry no review date nor needs-review flag.
  await queueUnqueuedPublished(db);
  await setMetaValue(db, GRAPH_META_KEY, GRAPH_VERSION);
  return { cards: cards.length, rebuilt };
}

/* Reading -------------------------------------------------------------------------------- */

const iso = (text: string | Date) => new Date(text).toISOString();

async function history(tx: Tx, key: string) {
  return (await statusHistory(tx, key)).map((h) => ({
    status: h.status as AuthorityStatusResponse['history'][number]['status'],
    date: h.date,
    by: h.by,
    note: h.note,
    setAt: h.setAt.toISOString(),
    setBy: h.setBy ?? null,
  }));
}

export async function listAuthorities(db: Database): Promise<{ items: AuthorityListItem[] }> {
  const cards = await allCards(db);
  const keys = cards.map((c) => authorityKeyOf.card(c.slug));
  const statuses = await authorityStatusesOf(db, keys);
  const counts = await Promise.all(keys.map((key) => citedBy(db, key)));
  return {
    items: cards.map((card, i) => ({
      slug: card.slug,
      name: card.name,
      citation: card.citation,
      court: card.court,
      decidedOn: card.decidedOn,
      status: statuses.get(keys[i] ?? '') ?? null,
      citedByCount: counts[i]?.count ?? 0,
    })),
  };
}

export async function authorityCard(db: Database, slug: string): Promise<AuthorityCard> {
  const card = await findCard(db, slug);
  if (!card) throw notFound('Authority');
  const key = authorityKeyOf.card(card.slug);
  const status = await authorityStatusOf(db, key);
  const cited = await citedBy(db, key);
  return {
    slug: card.slug,
    name: card.name,
    citation: card.citation,
    court: card.court,
    decidedOn: card.decidedOn,
    summary: card.summary,
    status,
    history: await history(db, key),
    citedBy: cited.items,
    citedByCount: cited.count,
  };
}

/* Setting a status ---------------------------------------------------------------------- */

interface Target {
  key: string;
  citation: string;
  normalized: string;
  document: { id: string; slug: string; title: string } | null;
  authority: { slug: string; name: string } | null;
}

/** What an update names: a held document (by id or by a citation resolving to it), a card, or a bare citation. */
async function targetOf(tx: Tx, input: AuthorityStatusUpdate): Promise<Target> {
  if ((input.documentId === undefined) === (input.citation === undefined)) {
    throw badRequest('Name the authority by exactly one of documentId or citation.');
  }
  if (input.documentId) {
    const doc = await heldAuthority(tx, { documentId: input.documentId });
    if (!doc) throw notFound('Published primary source');
    return {
      key: authorityKeyOf.document(doc.id),
      citation: doc.citation,
      normalized: citationKey(doc.citation).normalized,
      document: { id: doc.id, slug: doc.slug, title: doc.title },
      authority: null,
    };
  }
  const citation = (input.citation ?? '').replace(/\s+/g, ' ').trim();
  if (citation.length < 3 || /[\u0000-\u001f\u007f]/.test(input.citation ?? '')) {
    throw badRequest('The citation is empty or has control characters.');
  }
  const { normalized, caseName } = citationKey(citation);
  const doc = await heldAuthority(tx, { citation });
  if (doc) {
    return {
      key: authorityKeyOf.document(doc.id),
      citation,
      normalized,
      document: { id: doc.id, slug: doc.slug, title: doc.title },
      authority: null,
    };
  }
  const card = await cardMatching(tx, normalized, caseName);
  if (card) {
    return {
      key: authorityKeyOf.card(card.slug),
      citation: card.citation,
      normalized: card.normalized,
      document: null,
      authority: { slug: card.slug, name: card.name },
    };
  }
  return { key: authorityKeyOf.citation(normalized), citation, normalized, document: null, authority: null };
}

/**
 * PUT /authorities/status: a new entry in the authority's status history (`good` clears the
 * flag), audited. Everything published that cites it needs review from now on (computed from
 * the graph at read time); their index entries are queued in the same transaction.
 */
export async function setAuthorityStatus(
  db: Database,
  actor: Actor,
  input: AuthorityStatusUpdate,
): Promise<AuthorityStatusResponse> {
  const day = new Date(`${input.date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== input.date) {
    throw badRequest('date: not a calendar date (YYYY-MM-DD).');
  }
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(`${input.by}${input.note}`)) {
    throw badRequest('by and note cannot contain control characters.');
  }
  return db.transaction(async (tx) => {
    const target = await targetOf(tx, input);
    await insertStatusEntry(tx, {
      authorityKey: target.key,
      citation: target.citation,
      status: input.status,
      date: input.date,
      by: input.by.trim(),
      note: input.note.trim(),
      setBy: actor.user.id,
    });
    const citing = await publishedCiting(tx, target.key);
    const needingReview = await needingReviewFor(tx, target.key);
    // Search cards show needsReview: re-index what cites it (flagged or cleared).
    await queueForIndex(tx, citing);
    if (input.status !== 'good') {
      // Followers hear of it (issue #17's alerts): one event per document, in this transaction.
      const name = target.document?.title ?? target.authority?.name ?? target.citation;
      const reason = `It relies on ${name}, ${input.status} on ${input.date}${input.by.trim() ? ` (${input.by.trim()})` : ''}; under review.`;
      for (const documentId of needingReview) {
        await recordDocumentEvent(tx, { kind: 'needs_review', documentId, reason });
      }
    }
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'authority.status',
      targetType: target.document ? 'document' : 'authority',
      targetId: target.document?.id ?? target.authority?.slug ?? target.normalized.slice(0, 200),
      details: {
        citation: target.citation,
        authorityKey: target.key,
        status: input.status,
        date: input.date,
        by: input.by.trim(),
        needsReview: needingReview.length,
      },
      ip: actor.ip,
    });
    const current = await authorityStatusOf(tx, target.key);
    return {
      citation: target.citation,
      normalized: target.normalized,
      document: target.document,
      authority: target.authority,
      status: current,
      history: await history(tx, target.key),
      needsReviewCount: needingReview.length,
    };
  });
}

/* The editors' queue --------------------------------------------------------------------- */

export async function readReviewQueue(
  db: Database,
  user: CurrentUser,
  query: ReviewQueueQuery,
): Promise<ReviewQueueResponse> {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? 20;
  const limit = new Date();
  limit.setUTCMonth(limit.getUTCMonth() - REVIEW_STALE_MONTHS);
  const rows = await reviewQueue(db, {
    staleBefore: limit.toISOString().slice(0, 10),
    organizationId: user.role === 'admin' ? undefined : (user.organizationId ?? 'none'),
    reason: query.reason,
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  const reasons = await reviewReasons(
    db,
    rows.filter((r) => r.needs_review).map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      kind: r.kind as DocumentKind,
      path: readerPath(r),
      organization:
        r.organization_id && r.organization_slug && r.organization_name
          ? { id: r.organization_id, slug: r.organization_slug, name: r.organization_name }
          : null,
      revisionNumber: r.number,
      lastReviewedAt: r.last_reviewed_at,
      needsReview: r.needs_review,
      reviewReasons: reasons.get(r.id) ?? [],
      reviewOverdue: r.overdue,
      bookmarkCount: Number(r.bookmark_count),
      readCount: Number(r.read_count),
      lastReadAt: r.last_read_at ? iso(r.last_read_at) : null,
    })),
    total: Number(rows[0]?.total ?? 0),
    page,
    perPage,
    reviewStaleMonths: REVIEW_STALE_MONTHS,
  };
}
