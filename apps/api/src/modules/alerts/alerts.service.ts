import {
  type AlertEmailMode,
  type AlertSettings,
  CONSEQUENCE_COLUMN_CODES,
  CONSEQUENCE_COLUMN_SHORT,
  type ConsequenceColumn,
  type CreateWatchBody,
  DOCUMENT_KIND_CODES,
  JURISDICTION_CODES,
  JURISDICTIONS,
  type NotificationsQuery,
  type NotificationsResponse,
  readerPath,
  SEARCH_MAX_FILTER_VALUES,
  SEARCH_MAX_QUERY_LENGTH,
  type Watch,
  type WatchListResponse,
} from '@kb/contracts';
import type { Database, Tx, WatchedSearch } from '@kb/db';
import { statuteKey } from '@kb/search';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { publishedDocumentRef } from '../documents';
import { currentTermCode, loadVocabulary } from '../taxonomy';
import {
  citationWatches,
  countWatches,
  deleteWatch,
  emailModeOf,
  markRead,
  notificationsOf,
  setEmailMode,
  setWatchMatchKey,
  unreadCount,
  upsertWatch,
  type WatchRow,
  watchesOf,
} from './alerts.repository';

/** Enough for a practice's statutes and searches; a runaway client stops here. */
export const MAX_WATCHES_PER_USER = 500;

const SEARCH_FILTERS = ['offenseType', 'consequence', 'jurisdiction', 'kind', 'publisher'] as const;

/**
 * Keys every citation watch again from the citation as the user gave it (after a change of the
 * citation key scheme: a watch on "720 ILCS 5/16-1" must meet that statute's new key).
 */
export async function rekeyCitationWatches(tx: Tx): Promise<number> {
  let changed = 0;
  for (const watch of await citationWatches(tx)) {
    const key = statuteKey(watch.target);
    if (key === watch.matchKey) continue;
    await setWatchMatchKey(tx, watch.id, key);
    changed++;
  }
  return changed;
}

interface ResolvedWatch {
  target: string;
  matchKey: string;
  label: string;
  search: WatchedSearch | null;
}

/** The canonical query string of a saved search (its identity: the same search is followed once). */
function searchQueryString(search: WatchedSearch): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  for (const facet of SEARCH_FILTERS) for (const value of search.filters[facet] ?? []) params.append(facet, value);
  return params.toString();
}

async function resolveSearch(db: Database, target: string): Promise<ResolvedWatch> {
  const params = new URLSearchParams(target.replace(/^\?/, ''));
  const q = (params.get('q') ?? '').trim().replace(/\s+/g, ' ');
  if (q.length > SEARCH_MAX_QUERY_LENGTH)
    throw badRequest(`The search is longer than ${SEARCH_MAX_QUERY_LENGTH} characters.`);
  const vocabulary = await loadVocabulary(db);
  const filters: WatchedSearch['filters'] = {};
  for (const facet of SEARCH_FILTERS) {
    const values = [
      ...new Set(
        params
          .getAll(facet)
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ].sort();
    if (values.length === 0) continue;
    if (values.length > SEARCH_MAX_FILTER_VALUES) throw badRequest(`Too many ${facet} filters.`);
    const known = (value: string) => {
      if (facet === 'offenseType') return currentTermCode(vocabulary, 'offenseTypes', value);
      if (facet === 'consequence') return currentTermCode(vocabulary, 'consequences', value);
      if (facet === 'jurisdiction') return JURISDICTION_CODES.includes(value) ? value : undefined;
      if (facet === 'kind') return (DOCUMENT_KIND_CODES as string[]).includes(value) ? value : undefined;
      return value.length <= 200 ? value : undefined;
    };
    filters[facet] = values.map((value) => {
      const code = known(value);
      if (!code) throw badRequest(`Unknown ${facet} filter "${value.slice(0, 100)}".`);
      return code;
    });
  }
  if (!q && Object.keys(filters).length === 0) {
    throw badRequest('A saved search needs words (q) or at least one filter.');
  }
  const search = { q, filters };
  const canonical = searchQueryString(search);
  return { target: canonical, matchKey: canonical, label: q ? `Search: ${q}` : 'Saved search', search };
}

/** Checks a watch's target and finds what events are matched on; 400 or 404 for a bad one. */
async function resolveWatch(db: Database, kind: CreateWatchBody['kind'], rawTarget: string): Promise<ResolvedWatch> {
  const target = rawTarget.trim();
  if (!target) throw badRequest('The target is empty.');
  switch (kind) {
    case 'offense':
    case 'document': {
      const ref = await publishedDocumentRef(db, target);
      if (!ref || (kind === 'offense' && ref.kind !== 'offense_entry')) {
        throw notFound(kind === 'offense' ? 'Offense entry' : 'Document');
      }
      return { target: ref.id, matchKey: ref.id, label: ref.title, search: null };
    }
    case 'citation': {
      if (!/\d/.test(target) || target.length > 300) {
        throw badRequest('A citation names a statute with its section number, e.g. "PC 273.5".');
      }
      const citation = target.replace(/\s+/g, ' ');
      return { target: citation, matchKey: statuteKey(citation), label: citation, search: null };
    }
    case 'offenseType':
    case 'consequence': {
      const vocabulary = await loadVocabulary(db);
      const key = kind === 'offenseType' ? 'offenseTypes' : 'consequences';
      const code = currentTermCode(vocabulary, key, target);
      if (code) return { target: code, matchKey: code, label: vocabulary[key].get(code)?.label ?? code, search: null };
      // A chart's consequence columns (aggravated_felony, cimt…) are followed by their code too.
      if (kind === 'consequence' && (CONSEQUENCE_COLUMN_CODES as string[]).includes(target)) {
        return {
          target,
          matchKey: target,
          label: CONSEQUENCE_COLUMN_SHORT[target as ConsequenceColumn],
          search: null,
        };
      }
      throw badRequest(`Unknown ${kind === 'offenseType' ? 'offense type' : 'consequence'} "${target.slice(0, 100)}".`);
    }
    case 'jurisdiction': {
      if (!JURISDICTION_CODES.includes(target)) throw badRequest(`Unknown jurisdiction "${target.slice(0, 100)}".`);
      return { target, matchKey: target, label: JURISDICTIONS[target] ?? target, search: null };
    }
    case 'search':
      return resolveSearch(db, target);
  }
}

/** POST /me/watches: follows something (again: the same watch). */
export async function follow(db: Database, userId: string, body: CreateWatchBody): Promise<{ id: string }> {
  const resolved = await resolveWatch(db, body.kind, body.target);
  if ((await countWatches(db, userId)) >= MAX_WATCHES_PER_USER) {
    throw conflict(`You follow ${MAX_WATCHES_PER_USER} things already: remove some watches first.`);
  }
  const name = body.name?.trim().replace(/\s+/g, ' ') || resolved.label;
  const id = await upsertWatch(db, {
    userId,
    kind: body.kind,
    target: resolved.target,
    matchKey: resolved.matchKey,
    name: name.slice(0, 200),
    search: resolved.search,
  });
  return { id };
}

async function watchView(db: Database, row: WatchRow): Promise<Watch> {
  let url: string;
  switch (row.kind) {
    case 'offense':
    case 'document': {
      const ref = await publishedDocumentRef(db, row.target);
      url = ref ? readerPath(ref) : '/';
      break;
    }
    case 'citation':
      url = `/search?${new URLSearchParams({ q: row.target })}`;
      break;
    case 'offenseType':
    case 'consequence':
    case 'jurisdiction':
      url = `/search?${new URLSearchParams({ [row.kind]: row.target })}`;
      break;
    case 'search':
      url = `/search?${row.target}`;
      break;
  }
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    name: row.name,
    url,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listWatches(db: Database, userId: string): Promise<WatchListResponse> {
  const rows = await watchesOf(db, userId);
  return { items: await Promise.all(rows.map((row) => watchView(db, row))) };
}

export async function unfollow(db: Database, userId: string, id: string): Promise<void> {
  if (!(await deleteWatch(db, userId, id))) throw notFound('Watch');
}

export async function listNotifications(
  db: Database,
  userId: string,
  query: NotificationsQuery,
): Promise<NotificationsResponse> {
  // The count first: a notification arriving in between is then in the list, never counted but missing.
  const unread = await unreadCount(db, userId);
  const rows = await notificationsOf(db, userId, {
    unread: query.unread,
    limit: query.limit ?? 50,
    before: query.before,
  });
  return {
    unread,
    items: rows.map((n) => ({
      id: n.id,
      event: n.event,
      title: n.title,
      summary: n.summary,
      url: n.url,
      documentId: n.documentId,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
  };
}

export async function readNotifications(
  db: Database,
  userId: string,
  body: { ids?: string[]; all?: boolean },
): Promise<{ unread: number }> {
  if (!body.all && !body.ids) throw badRequest('Say which notifications were read: ids, or all: true.');
  await markRead(db, userId, body.all ? 'all' : (body.ids ?? []));
  return { unread: await unreadCount(db, userId) };
}

export async function alertSettingsOf(db: Database, userId: string): Promise<AlertSettings> {
  return { email: await emailModeOf(db, userId) };
}

export async function updateAlertSettings(db: Database, userId: string, email: AlertEmailMode): Promise<AlertSettings> {
  await setEmailMode(db, userId, email);
  return { email };
}
