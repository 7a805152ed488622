import {
  type AdvisoryLink,
  type AuthorityLink,
  type ChartCoverage,
  type ChartListResponse,
  type ChartResponse,
  CONSEQUENCE_COLUMN_CODES,
  type DocumentRef,
  JURISDICTIONS,
  type NearestGuidance,
  type OffenseEntryRef,
  type OffenseEntryRow,
  type OffenseEntryView,
  type OffenseListQuery,
  type OffenseListResponse,
  offenseEntryPath,
  type SearchAnswer,
  type Suggestion,
} from '@kb/contracts';
import type { Tx } from '@kb/db';
import { canonicalCitation, findCitations, statuteKey } from '@kb/search';
import { notFound } from '../../lib/errors';
import { documentCurrency, publishedPrimarySources, reviewReasons } from '../documents';
import { findOrganization, toOrganizationRef } from '../organizations';
import { FEDERAL_RULES, STATE_CIRCUITS } from './coverage';
import {
  chartCounts,
  documentsLinkingTo,
  type EntryRow,
  entriesByStatuteKeys,
  entriesForStatute,
  entriesInSectionsStartingWith,
  findEntry,
  publishedAbout,
  publishedByExternalIds,
  publishedDocumentsBySlug,
  publishedEntries,
  publishedRefs,
  type StatuteMatch,
} from './offenses.repository';

// ---------------------------------------------------------------------------------------
// Ordering: statutes compared as people read them (PC 273.5 before PC 1203), so a chart,
// a list and the candidates of a partial citation come out in the same order.
// ---------------------------------------------------------------------------------------

const chunks = (text: string) => text.toLowerCase().match(/\d+|[^\d]+/g) ?? [];

export function compareStatutes(a: string, b: string): number {
  const x = chunks(a);
  const y = chunks(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p === q) continue;
    const bothNumbers = /^\d/.test(p) && /^\d/.test(q);
    if (bothNumbers) return Number(p) - Number(q);
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

const byStatute = (a: EntryRow, b: EntryRow) =>
  compareStatutes(a.offense.statutes[0] ?? '', b.offense.statutes[0] ?? '') || a.slug.localeCompare(b.slug);

// ---------------------------------------------------------------------------------------
// Rows and views.
// ---------------------------------------------------------------------------------------

const refOf = (row: EntryRow): OffenseEntryRef => ({
  id: row.id,
  slug: row.slug,
  path: offenseEntryPath(row.slug),
  jurisdiction: row.offense.jurisdiction,
  statutes: row.offense.statutes,
  offenseName: row.offense.offenseName,
  grade: row.offense.grade,
});

/** The rows of `entries`, their safer alternatives resolved to published entries (same jurisdiction first). */
export async function toRows(tx: Tx, entries: EntryRow[]): Promise<OffenseEntryRow[]> {
  const alternatives = entries.flatMap((e) => e.offense.saferAlternatives.map((a) => statuteKey(a.statute)));
  const matches = await entriesByStatuteKeys(tx, [...new Set(alternatives)]);
  const targets = new Map(
    (await publishedEntries(tx, { ids: [...new Set(matches.map((m) => m.documentId))] })).map((e) => [e.id, e]),
  );
  const resolve = (statute: string, jurisdiction: string, self: string): OffenseEntryRef | null => {
    const key = statuteKey(statute);
    const found = matches
      .filter((m) => m.statuteKey === key && m.documentId !== self)
      .sort((a, b) => Number(b.jurisdiction === jurisdiction) - Number(a.jurisdiction === jurisdiction))
      .map((m) => targets.get(m.documentId))
      .find(Boolean);
    return found ? refOf(found) : null;
  };
  const flagged = await reviewReasons(
    tx,
    entries.filter((e) => e.status === 'published').map((e) => e.id),
  );
  return entries.map((row) => ({
    id: row.id,
    slug: row.slug,
    path: offenseEntryPath(row.slug),
    status: row.status,
    revisionId: row.revisionId,
    revisionNumber: row.revisionNumber,
    lastReviewedAt: row.lastReviewedAt,
    jurisdiction: row.offense.jurisdiction,
    data: row.offense,
    saferAlternatives: row.offense.saferAlternatives.map((a) => ({
      statute: a.statute,
      advice: a.advice,
      entry: resolve(a.statute, row.offense.jurisdiction, row.id),
    })),
    needsReview: (flagged.get(row.id)?.length ?? 0) > 0,
  }));
}

const splitLink = (link: string) => {
  const [slug = '', anchor] = link.split('#');
  return { slug: slug.trim(), anchor: anchor?.trim() || null };
};

/** The entry's page: readers see published entries only; editors may ask for the latest revision. */
export async function entryView(tx: Tx, idOrSlug: string, view: 'published' | 'head'): Promise<OffenseEntryView> {
  const entry = await findEntry(tx, idOrSlug, view);
  if (!entry) throw notFound('Offense entry');
  const [row] = await toRows(tx, [entry]);
  if (!row) throw notFound('Offense entry');

  const links = entry.offense.advisories.map(splitLink).filter((l) => l.slug);
  const held = await publishedDocumentsBySlug(
    tx,
    links.map((l) => l.slug),
  );
  const advisories: AdvisoryLink[] = links.flatMap((link) => {
    const sections = held.filter((h) => h.slug === link.slug);
    const first = sections[0];
    if (!first) return [];
    const section = link.anchor ? sections.find((s) => s.anchor === link.anchor) : undefined;
    return [
      {
        slug: link.slug,
        anchor: section ? link.anchor : null,
        title: first.title,
        sectionHeading: section?.heading ?? null,
      },
    ];
  });

  const path = offenseEntryPath(entry.slug);
  const linking = await documentsLinkingTo(tx, [path, `/documents/${entry.slug}`]);
  const citedBy: AdvisoryLink[] = linking.map((d) => ({
    slug: d.slug,
    anchor: d.level > 0 ? d.anchor : null,
    title: d.title,
    sectionHeading: d.level > 0 ? d.heading : null,
  }));

  const [successor] = entry.supersededById ? await publishedRefs(tx, [entry.supersededById]) : [];
  const owner = entry.organizationId ? await findOrganization(tx, entry.organizationId) : undefined;
  // An entry's own "cited by" is `citedBy` above (documents linking to its page); from the
  // citation graph it takes what it cites and why it needs review.
  const currency = await documentCurrency(tx, entry.id, { published: view === 'published', citations: [] });
  return {
    ...row,
    title: entry.title,
    summary: entry.summary,
    publisher: entry.publisher,
    organization: owner ? toOrganizationRef(owner) : null,
    jurisdictionLabel: JURISDICTIONS[entry.offense.jurisdiction] ?? entry.offense.jurisdiction,
    publishedAt: entry.publishedAt?.toISOString() ?? null,
    updatedAt: entry.updatedAt.toISOString(),
    advisories,
    citedBy,
    authorityLinks: await authorityLinks(tx, entry),
    supersededBy: successor ?? null,
    cites: currency.cites,
    reviewReasons: currency.reviewReasons,
  };
}

/** Each assessment authority the library holds as a published primary source, by citation or by title. */
async function authorityLinks(tx: Tx, entry: EntryRow): Promise<AuthorityLink[]> {
  const authorities = [
    ...new Set(CONSEQUENCE_COLUMN_CODES.flatMap((c) => entry.offense.assessments[c]?.authorities ?? [])),
  ];
  if (authorities.length === 0) return [];
  const sources = await publishedPrimarySources(tx);
  const byKey = new Map<string, DocumentRef>();
  const byName = new Map<string, DocumentRef>();
  const nameOf = (text: string) => text.split(',')[0]?.trim().toLowerCase() ?? '';
  for (const source of sources) {
    const ref = { id: source.id, slug: source.slug, title: source.title };
    for (const citation of [source.title, ...source.citations]) {
      const key = canonicalCitation(citation);
      if (key && !byKey.has(key)) byKey.set(key, ref);
      const name = nameOf(citation);
      if (/\sv\.\s|^matter of /.test(name) && !byName.has(name)) byName.set(name, ref);
    }
  }
  return authorities.flatMap((text) => {
    const keys = findCitations(text).map((c) => c.keys.at(-1));
    const document = keys.map((k) => (k ? byKey.get(k) : undefined)).find(Boolean) ?? byName.get(nameOf(text));
    return document ? [{ text, document }] : [];
  });
}

// ---------------------------------------------------------------------------------------
// Lists, charts, coverage.
// ---------------------------------------------------------------------------------------

/** Does the entry answer `q`? A citation matches by statute key (its sections or subsections), words by text. */
function matchesQuery(entry: EntryRow, q: string): boolean {
  const citations = findCitations(q);
  if (citations.length > 0) {
    const entryKeys = entry.offense.statutes.map(statuteKey);
    return citations.every((citation) => {
      const ownBase = (citation.keys.at(-1) ?? '').slice(0, -1);
      const sectionBase = (citation.keys[0] ?? '').slice(0, -1);
      // Keys are [a-z0-9] only: safe in a pattern.
      const partial = citation.keys.length === 1 ? new RegExp(`^${sectionBase}[a-z]`) : null;
      return entryKeys.some(
        (key) => citation.keys.includes(key) || key.startsWith(`${ownBase}p`) || (partial?.test(key) ?? false),
      );
    });
  }
  const haystack = [
    entry.offense.offenseName,
    ...entry.offense.statutes,
    entry.summary,
    ...CONSEQUENCE_COLUMN_CODES.map((c) => entry.offense.assessments[c]?.summary ?? ''),
  ]
    .join(' ')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export async function listEntries(tx: Tx, query: OffenseListQuery): Promise<OffenseListResponse> {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? 100;
  const outcomes = query.consequence ? (query.outcome ?? []) : [];
  let entries = await publishedEntries(tx, {
    jurisdiction: query.jurisdiction,
    consequence: query.consequence,
    outcomes,
  });
  const q = query.q?.trim();
  if (q) entries = entries.filter((e) => matchesQuery(e, q));
  const sort = query.sort ?? 'statute';
  entries.sort(
    sort === 'name'
      ? (a, b) => a.offense.offenseName.localeCompare(b.offense.offenseName) || byStatute(a, b)
      : sort === 'reviewed'
        ? (a, b) => (b.lastReviewedAt ?? '').localeCompare(a.lastReviewedAt ?? '') || byStatute(a, b)
        : byStatute,
  );
  const items = await toRows(tx, entries.slice((page - 1) * perPage, page * perPage));
  return { items, total: entries.length, page, perPage };
}

export async function chartList(tx: Tx): Promise<ChartListResponse> {
  const counts = await chartCounts(tx);
  return {
    charts: counts
      .map((c) => ({
        jurisdiction: c.jurisdiction,
        label: JURISDICTIONS[c.jurisdiction] ?? c.jurisdiction,
        entries: c.entries,
        lastReviewedAt: c.lastReviewedAt,
      }))
      .sort((a, b) =>
        a.jurisdiction === 'federal' ? -1 : b.jurisdiction === 'federal' ? 1 : a.label.localeCompare(b.label),
      ),
  };
}

/** The rules that apply everywhere, each linked to the advisory that explains it when it is published. */
async function federalRules(tx: Tx): Promise<ChartCoverage['federalRules']> {
  const explained = await publishedByExternalIds(
    tx,
    FEDERAL_RULES.flatMap((r) => (r.explainedBy ? [r.explainedBy] : [])),
  );
  return FEDERAL_RULES.map(({ explainedBy, ...rule }) => {
    const doc = explained.find((d) => d.externalId === explainedBy);
    return { ...rule, document: doc ? { id: doc.id, slug: doc.slug, title: doc.title } : null };
  });
}

/** For a jurisdiction without rows: charts of the same circuit first, then others; then documents about it. */
async function nearestGuidance(tx: Tx, jurisdiction: string, circuit: string | null): Promise<NearestGuidance[]> {
  const charts = (await chartCounts(tx)).filter((c) => c.jurisdiction !== jurisdiction && c.entries > 0);
  const circuitLabel = circuit ? (JURISDICTIONS[circuit] ?? circuit) : null;
  const sameCircuit = (j: string) => circuit !== null && STATE_CIRCUITS[j] === circuit;
  const ordered = [...charts].sort(
    (a, b) =>
      Number(sameCircuit(b.jurisdiction)) - Number(sameCircuit(a.jurisdiction)) ||
      a.jurisdiction.localeCompare(b.jurisdiction),
  );
  const chartGuidance: NearestGuidance[] = ordered.slice(0, 4).map((c) => ({
    type: 'chart',
    title: `${JURISDICTIONS[c.jurisdiction] ?? c.jurisdiction} chart (${c.entries} rows)`,
    path: `/charts/${c.jurisdiction}`,
    reason:
      c.jurisdiction === 'federal'
        ? 'Federal offenses: charged in every state'
        : sameCircuit(c.jurisdiction)
          ? `Same federal circuit (${circuitLabel}): its precedent binds removal cases from ${JURISDICTIONS[jurisdiction] ?? jurisdiction} too`
          : `Another state's chart: the analysis of similar statutes may carry over, the outcome may not`,
  }));
  const about = await publishedAbout(tx, [jurisdiction, ...(circuit ? [circuit] : [])], { limit: 5 });
  const documentGuidance: NearestGuidance[] = about.map((d) => ({
    type: 'document',
    title: d.title,
    path: `/documents/${d.slug}`,
    reason: `About ${JURISDICTIONS[jurisdiction] ?? jurisdiction}${circuitLabel ? ` or the ${circuitLabel}` : ''}`,
  }));
  return [...chartGuidance, ...documentGuidance];
}

export async function chart(tx: Tx, jurisdiction: string): Promise<ChartResponse> {
  const label = JURISDICTIONS[jurisdiction];
  // Charts are of states and federal offenses; circuits are not jurisdictions of statutes.
  if (!label || !/^(federal|us-[a-z]{2})$/.test(jurisdiction)) throw notFound('Chart');
  const entries = (await publishedEntries(tx, { jurisdiction })).sort(byStatute);
  const circuit = STATE_CIRCUITS[jurisdiction] ?? null;
  const covered = entries.length > 0;
  const narratives = await publishedAbout(tx, [jurisdiction], { kind: 'chart', limit: 10 });
  return {
    jurisdiction,
    label,
    entries: await toRows(tx, entries),
    lastReviewedAt: entries.reduce<string | null>(
      (latest, e) => (e.lastReviewedAt && (!latest || e.lastReviewedAt > latest) ? e.lastReviewedAt : latest),
      null,
    ),
    narratives: narratives.map((n) => ({ id: n.id, slug: n.slug, title: n.title })),
    coverage: {
      covered,
      circuit,
      federalRules: await federalRules(tx),
      nearest: covered ? [] : await nearestGuidance(tx, jurisdiction, circuit),
    },
  };
}

// ---------------------------------------------------------------------------------------
// Search: the answer card for a citation query, and entries among the suggestions.
// ---------------------------------------------------------------------------------------

/** Orders the candidates of a partial citation: the section itself, decimal sections (273.5), then lettered (273a). */
function candidateRank(match: StatuteMatch, base: string): number {
  const rest = (match.sectionKey ?? '').slice(base.length);
  if (rest === 'z') return 0;
  if (/^d\d/.test(rest)) return 1;
  return 2;
}

/**
 * The entries a citation query means: `exact` when rows exist for the provision (or its
 * subsections, or a section containing it), else `candidates` whose section the citation
 * begins ("PC 273" → 273.5, 273a, 273d). Null when the query holds no citation or nothing matches.
 */
export async function citationAnswer(tx: Tx, q: string): Promise<SearchAnswer | null> {
  const [citation] = findCitations(q);
  if (!citation) return null;
  const own = citation.keys.at(-1) ?? '';
  const text = q.slice(citation.start, citation.end).trim();
  const exact = await entriesForStatute(tx, citation.keys, own.slice(0, -1));
  const sectionBase = (citation.keys[0] ?? '').slice(0, -1);
  const matches = exact.length > 0 ? exact : await entriesInSectionsStartingWith(tx, sectionBase);
  if (matches.length === 0) return null;
  const byDocument = new Map<string, StatuteMatch>();
  for (const m of matches) if (!byDocument.has(m.documentId)) byDocument.set(m.documentId, m);
  const entries = await publishedEntries(tx, { ids: [...byDocument.keys()] });
  const rank = (e: EntryRow) => {
    const m = byDocument.get(e.id) as StatuteMatch;
    return (
      (m.superseded ? 10 : 0) + (exact.length > 0 ? (m.statuteKey === own ? 0 : 1) : candidateRank(m, sectionBase))
    );
  };
  entries.sort((a, b) => rank(a) - rank(b) || byStatute(a, b));
  return {
    match: exact.length > 0 ? 'exact' : 'candidates',
    citation: text,
    entries: await toRows(tx, entries.slice(0, 20)),
  };
}

/** Entries for the suggestions: a citation's rows, or rows whose offense name starts with the words typed. */
export async function entrySuggestions(tx: Tx, q: string, limit: number): Promise<Suggestion[]> {
  const answer = findCitations(q).length > 0 ? await citationAnswer(tx, q) : null;
  const rows = answer
    ? answer.entries.map((e) => ({ slug: e.slug, data: e.data }))
    : q.trim().length >= 3
      ? (await publishedEntries(tx))
          .filter((e) => e.offense.offenseName.toLowerCase().includes(q.trim().toLowerCase()))
          .sort(byStatute)
          .map((e) => ({ slug: e.slug, data: e.offense }))
      : [];
  return rows.slice(0, limit).map((e) => ({
    type: 'offense' as const,
    text: `${e.data.statutes.join(', ')} — ${e.data.offenseName}`,
    slug: e.slug,
    path: offenseEntryPath(e.slug),
    jurisdiction: e.data.jurisdiction,
  }));
}
