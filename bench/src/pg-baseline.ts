import type pg from 'pg';

/**
 * The PostgreSQL full-text alternative: what a team would build instead of Meilisearch, on
 * the tables the app already has. Sections match through `document_sections.search_vector`
 * (tsvector, GIN index) and `websearch_to_tsquery`; one hit per document (its best section,
 * like Meilisearch's distinctAttribute); the same facet filters with the same meaning
 * (a parent term matches its children, several values of one facet are ORed, facets are
 * ANDed); facet counts by GROUP BY, each facet counted without its own filter (disjunctive,
 * as the API does); `ts_headline` snippets for the page's hits only. One SQL statement per
 * search, answered as one JSON row.
 */

export const PG_FACETS = ['offenseType', 'consequence', 'jurisdiction', 'kind', 'publisher'] as const;
type PgFacet = (typeof PG_FACETS)[number];

export interface PgSearchParams {
  q: string;
  filters: Partial<Record<PgFacet, string[]>>;
  page: number;
  perPage: number;
  sort: 'relevance' | 'newest';
}

/** Each taxonomy code with its ancestors (itself included), per vocabulary. */
export interface TermClosure {
  vocabulary: string[];
  code: string[];
  ancestor: string[];
  /** code → itself and every code below it, for filters. */
  descendants: Map<string, string[]>;
}

export async function loadTermClosure(client: Pick<pg.Pool, 'query'>): Promise<TermClosure> {
  const { rows } = await client.query<{ vocabulary: string; code: string; parent: string | null }>(
    `select t.vocabulary::text as vocabulary, t.code, p.code as parent
       from taxonomy_terms t left join taxonomy_terms p on p.id = t.parent_id`,
  );
  const parentOf = new Map(rows.map((r) => [`${r.vocabulary}:${r.code}`, r.parent]));
  const closure: TermClosure = { vocabulary: [], code: [], ancestor: [], descendants: new Map() };
  for (const row of rows) {
    let current: string | null | undefined = row.code;
    for (let depth = 0; current && depth < 10; depth++) {
      closure.vocabulary.push(row.vocabulary);
      closure.code.push(row.code);
      closure.ancestor.push(current);
      const below = closure.descendants.get(`${row.vocabulary}:${current}`) ?? [];
      below.push(row.code);
      closure.descendants.set(`${row.vocabulary}:${current}`, below);
      current = parentOf.get(`${row.vocabulary}:${current}`);
    }
  }
  return closure;
}

const COLUMNS: Record<PgFacet, { column: string; array: boolean; vocabulary?: string }> = {
  offenseType: { column: 'offense_types', array: true, vocabulary: 'offense_type' },
  consequence: { column: 'consequences', array: true, vocabulary: 'consequence' },
  jurisdiction: { column: 'jurisdictions', array: true },
  kind: { column: 'kind', array: false },
  publisher: { column: 'publisher', array: false },
};

// Markers for ts_headline that the generated text never contains.
export const HEADLINE_START = '\u27e6';
export const HEADLINE_STOP = '\u27e7';

/** Builds the one SQL statement of a search; every value is a bound parameter. */
export function buildPgSearch(params: PgSearchParams, closure: TermClosure): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const q = params.q.trim();
  const query = bind(q);
  const closureVocabulary = bind(closure.vocabulary);
  const closureCode = bind(closure.code);
  const closureAncestor = bind(closure.ancestor);

  const conditions = new Map<PgFacet, string>();
  for (const facet of PG_FACETS) {
    const chosen = params.filters[facet]?.filter(Boolean) ?? [];
    if (chosen.length === 0) continue;
    const spec = COLUMNS[facet];
    if (spec.vocabulary) {
      const expanded = [
        ...new Set(chosen.flatMap((code) => closure.descendants.get(`${spec.vocabulary}:${code}`) ?? [code])),
      ];
      conditions.set(facet, `b.${spec.column} && ${bind(expanded)}::text[]`);
    } else if (spec.array) {
      conditions.set(facet, `b.${spec.column} && ${bind(chosen)}::text[]`);
    } else {
      conditions.set(facet, `b.${spec.column} = any(${bind(chosen)}::text[])`);
    }
  }
  const where = (except?: PgFacet) => {
    const parts = [...conditions.entries()].filter(([f]) => f !== except).map(([, c]) => c);
    return parts.length > 0 ? parts.join(' and ') : 'true';
  };

  const best = q
    ? `select distinct on (d.id) d.id as document_id, d.slug, d.external_id, d.superseded_by_id,
              s.revision_id, s.anchor, s.heading, s.body, ts_rank(s.search_vector, q.query) as rank
         from q, document_sections s
         join documents d on d.published_revision_id = s.revision_id
        where d.status = 'published' and s.search_vector @@ q.query
        order by d.id, rank desc, s.position`
    : `select d.id as document_id, d.slug, d.external_id, d.superseded_by_id,
              s.revision_id, s.anchor, s.heading, s.body, 0::real as rank
         from documents d
         join document_sections s on s.revision_id = d.published_revision_id and s.position = 0
        where d.status = 'published'`;

  const facetSql = (facet: PgFacet) => {
    const spec = COLUMNS[facet];
    const source = spec.vocabulary
      ? `base b cross join unnest(b.${spec.column}) as c(code)
           join tax t on t.vocabulary = '${spec.vocabulary}' and t.code = c.code`
      : spec.array
        ? `base b cross join unnest(b.${spec.column}) as c(code)`
        : 'base b';
    const key = spec.vocabulary ? 't.ancestor' : spec.array ? 'c.code' : `b.${spec.column}`;
    return `(select coalesce(json_object_agg(k, n), '{}'::json) from (
              select ${key} as k, count(distinct b.document_id)::int as n
                from ${source}
               where ${where(facet)}
               group by 1 order by 2 desc, 1 limit 100) f)`;
  };

  const order =
    params.sort === 'newest'
      ? 'document_date desc nulls last, rank desc, document_id'
      : 'rank desc, document_date desc nulls last, document_id';
  const limit = bind(params.perPage);
  const offset = bind((params.page - 1) * params.perPage);
  const snippet = q
    ? `ts_headline('english', p.body, q.query, 'StartSel=${HEADLINE_START}, StopSel=${HEADLINE_STOP}, MaxWords=36, MinWords=15, MaxFragments=1')`
    : 'left(p.body, 240)';

  const text = `
    with q as (select websearch_to_tsquery('english', ${query}::text) as query),
    tax as (select * from unnest(${closureVocabulary}::text[], ${closureCode}::text[], ${closureAncestor}::text[])
              as t(vocabulary, code, ancestor)),
    best as (${best}),
    base as materialized (
      select x.*, r.title, r.kind, r.publisher, r.jurisdictions, r.offense_types, r.consequences, r.document_date
        from best x join revisions r on r.id = x.revision_id),
    filtered as materialized (select * from base b where ${where()}),
    page as (select *, row_number() over (order by ${order}) as ord
               from filtered order by ${order} limit ${limit} offset ${offset})
    select
      (select count(*)::int from filtered) as total,
      (select coalesce(json_agg(h), '[]'::json) from (
         select p.document_id as "documentId", p.external_id as "externalId", p.slug, p.title, p.kind,
                p.publisher, p.jurisdictions, p.document_date as "publishedAt",
                p.superseded_by_id is not null as superseded,
                json_build_object('anchor', p.anchor, 'heading', p.heading) as section,
                ${snippet} as snippet
           from page p, q
          order by p.ord) h) as hits,
      json_build_object(${PG_FACETS.map((f) => `'${f}', ${facetSql(f)}`).join(', ')}) as facets`;
  return { text, values };
}

/** Splits a ts_headline snippet into the API's structured parts. */
export function headlineParts(snippet: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  const pattern = new RegExp(`${HEADLINE_START}([^${HEADLINE_STOP}]*)${HEADLINE_STOP}`, 'g');
  let cursor = 0;
  for (const m of snippet.matchAll(pattern)) {
    if (m.index > cursor) parts.push({ text: snippet.slice(cursor, m.index), match: false });
    parts.push({ text: m[1] ?? '', match: true });
    cursor = m.index + m[0].length;
  }
  if (cursor < snippet.length) parts.push({ text: snippet.slice(cursor), match: false });
  return parts;
}

/** Parses the query string the API takes into the baseline's parameters. */
export function pgParamsFrom(search: URLSearchParams): PgSearchParams {
  const filters: PgSearchParams['filters'] = {};
  for (const facet of PG_FACETS) {
    const values = search.getAll(facet).filter(Boolean);
    if (values.length > 0) filters[facet] = values;
  }
  const page = Math.max(1, Math.min(1000, Number(search.get('page') ?? 1) || 1));
  const perPage = Math.max(1, Math.min(100, Number(search.get('perPage') ?? 20) || 20));
  return {
    q: (search.get('q') ?? '').slice(0, 500),
    filters,
    page,
    perPage,
    sort: search.get('sort') === 'newest' ? 'newest' : 'relevance',
  };
}
