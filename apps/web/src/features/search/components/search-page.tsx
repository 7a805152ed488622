import { SEARCH_FACETS, SEARCH_MAX_OFFSET, SEARCH_SORTS, type SearchFacet, type SearchResponse } from '@kb/contracts';
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { RemoveChip } from '../../../components/ui/chips';
import { Drawer } from '../../../components/ui/dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { jurisdictionLabel, kindLabel } from '../../../components/ui/labels';
import { Pager } from '../../../components/ui/pager';
import { Spinner } from '../../../components/ui/spinner';
import { ApiError } from '../../../lib/api-client';
import { NARROW, useMediaQuery } from '../../../lib/use-media-query';
import { FollowButton, searchTarget } from '../../alerts';
import { currentCodeOf, useTaxonomy, useTermLabels } from '../../taxonomy';
import { recordClick } from '../api/record-click';
import { useSearch } from '../api/search';
import { REVIEW_FILTERS, SEARCH_PER_PAGE, type SearchParams } from '../api/search-request';
import { activeFilterCount, useSearchState } from '../hooks/use-search-state';
import { resultCount } from '../result-count';
import { countedOptions, FACET_TITLES, FacetGroup, type FacetOption, termOptions } from './facet-panel';
import styles from './search.module.css';
import { SearchBox } from './search-box';
import { SearchResult } from './search-result';

// The answer card (the chart rows the words name) comes with the charts feature and its Markdown
// renderer, some 150 kB of script the results do not need: it loads when a search has an answer,
// not before the first results.
const AnswerCard = lazy(() => import('../../charts').then((m) => ({ default: m.AnswerCard })));

/**
 * A link saved before a vocabulary merge names the merged-away term: the API searches by the
 * term it became, and the address is rewritten to it so the facet shows as chosen.
 */
function useCurrentTermCodes(
  state: SearchParams,
  renameFilterValues: (facet: SearchFacet, rename: (value: string) => string) => void,
) {
  const taxonomy = useTaxonomy();
  useEffect(() => {
    if (!taxonomy.data) return;
    const vocabularies = [
      ['offenseType', taxonomy.data.offenseTypes],
      ['consequence', taxonomy.data.consequences],
    ] as const;
    for (const [facet, terms] of vocabularies) {
      if (state.filters[facet].some((code) => currentCodeOf(terms, code))) {
        renameFilterValues(facet, (code) => currentCodeOf(terms, code) ?? code);
      }
    }
  }, [taxonomy.data, state.filters, renameFilterValues]);
}

/** Home page for signed-in users: search published guidance by words, citations and facets. */
export function SearchPage() {
  const {
    state,
    setQuery,
    toggleFilter,
    filterByTerm,
    clearFilters,
    clearAll,
    setSort,
    setReview,
    hrefForPage,
    renameFilterValues,
  } = useSearchState();
  useCurrentTermCodes(state, renameFilterValues);
  const search = useSearch(state);
  const navigate = useNavigate();
  const data = search.data;
  const filtering = activeFilterCount(state) > 0;
  const browsing = !state.q.trim() && !filtering;
  // On a phone the filters are a drawer, so they do not push the results down.
  const narrow = useMediaQuery(NARROW);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // The facets beside the results and the pager below them show each answer one render after
  // the results do (useDeferredValue: the previous answer first — none on the first load — then
  // this one in a render of its own), so new results reach the screen without waiting for them,
  // on a cold load (where that render of the facets came before the first result) and on every
  // search. Neither moves the results: the facets' column has its own width, on a phone they
  // are a drawer, and the pager is below the results.
  const settled = useDeferredValue(data, null) ?? undefined;

  const onSearch = useCallback(
    // The first words typed add a history entry; refining them replaces it.
    (q: string, immediate: boolean) => setQuery(q, { replace: !immediate && state.q.trim() !== '' }),
    [setQuery, state.q],
  );

  return (
    <div className="page">
      <div className={styles.searchHeader}>
        <h1 className={styles.searchHeading}>{browsing ? 'Search the guidance' : 'Search results'}</h1>
        <SearchBox value={state.q} onSearch={onSearch} onPickTerm={filterByTerm} onOpen={(path) => navigate(path)} />
        <p className={`${styles.searchHint} muted small`}>
          Understands abbreviations (CIMT, AF, CSO, DV) and citations in any form (“Cal. Penal Code § 273.5” = “PC
          273.5”). Press <kbd>/</kbd> to search from anywhere on this page.
        </p>
      </div>

      <ActiveFilters state={state} onRemove={toggleFilter} onClear={clearFilters} />

      <div className={styles.searchLayout}>
        <aside aria-label="Filters">
          {narrow ? (
            <>
              <button
                type="button"
                className={`button wide ${styles.filtersButton}`}
                aria-haspopup="dialog"
                onClick={() => setDrawerOpen(true)}
              >
                Filters{filtering ? ` (${activeFilterCount(state)} active)` : ''}
              </button>
              {drawerOpen ? (
                <Drawer
                  title="Filters"
                  onClose={() => setDrawerOpen(false)}
                  footer={
                    <button type="button" className="button primary wide" onClick={() => setDrawerOpen(false)}>
                      {data ? `Show ${resultCount(data, 'result', 'results')}` : 'Show results'}
                    </button>
                  }
                >
                  <Facets state={state} data={data} onToggle={toggleFilter} />
                </Drawer>
              ) : null}
            </>
          ) : (
            <Facets state={state} data={settled} onToggle={toggleFilter} />
          )}
        </aside>

        <section
          className={styles.searchResults}
          aria-labelledby="search-results-summary"
          aria-busy={search.isFetching}
        >
          <div className={styles.resultsBar}>
            <p id="search-results-summary" className={styles.resultsSummary} aria-live="polite">
              {data ? <Summary data={data} state={state} browsing={browsing} /> : null}
              {search.isFetching && data ? <span className={styles.resultsUpdating}> Updating…</span> : null}
            </p>
            {!browsing ? <FollowSearch state={state} /> : null}
            <div className={styles.resultsControls}>
              <label className={styles.resultsSort}>
                <span>Review</span>
                <select
                  value={state.review}
                  onChange={(event) => setReview(REVIEW_FILTERS.find((r) => r === event.target.value) ?? 'any')}
                >
                  <option value="any">Any</option>
                  <option value="flagged">Under review (an authority changed)</option>
                  <option value="stale">Not reviewed in {data?.reviewStaleMonths ?? 12} months</option>
                  <option value="current">Reviewed in the last {data?.reviewStaleMonths ?? 12} months</option>
                </select>
              </label>
              <label className={styles.resultsSort}>
                <span>Sort</span>
                <select
                  value={state.sort}
                  onChange={(event) => setSort(SEARCH_SORTS.find((s) => s === event.target.value) ?? 'relevance')}
                >
                  <option value="relevance">Best match</option>
                  <option value="newest">Newest first</option>
                  <option value="reviewed">Recently reviewed</option>
                </select>
              </label>
            </div>
          </div>

          {data?.degraded ? (
            <div className="alert alert-warning" role="status">
              <p>
                <strong>Reduced search.</strong> The search engine is recovering, so these results come from a simpler
                full-text search: abbreviations and citation forms may match less well. Only published guidance is
                shown.
              </p>
            </div>
          ) : null}

          {search.isPending ? <Spinner label="Searching…" /> : null}
          {search.isError && !data ? (
            <ErrorMessage
              error={
                search.error instanceof ApiError && search.error.status >= 500
                  ? new Error('Search is unavailable right now. Your filters are kept; try again in a moment.')
                  : search.error
              }
              retry={() => void search.refetch()}
            />
          ) : null}

          {data?.answer && data.page === 1 ? (
            <Suspense fallback={null}>
              <AnswerCard answer={data.answer} />
            </Suspense>
          ) : null}

          {data?.understood ? (
            <Understood
              understood={data.understood}
              chosen={state.filters.jurisdiction}
              onJurisdiction={(code) => toggleFilter('jurisdiction', code)}
            />
          ) : null}

          {data && data.hits.length === 0 && data.relaxed && !data.answer?.entries.length ? (
            <RelaxedResults
              data={data}
              state={state}
              onBroaden={clearFilters}
              onUnquote={() => setQuery(state.q.replace(/"/g, ' ').replace(/\s+/g, ' ').trim())}
            />
          ) : null}

          {data && data.hits.length === 0 && !data.relaxed && !data.answer?.entries.length ? (
            <EmptyResults state={state} onClearFilters={clearFilters} onClearAll={clearAll} />
          ) : null}

          {data && data.hits.length > 0 ? (
            <ol className="result-list" start={data.offset + 1}>
              {data.hits.map((hit) => (
                <SearchResult
                  key={hit.documentId}
                  hit={hit}
                  staleMonths={data.reviewStaleMonths}
                  onOpen={() => recordClick(state.q)}
                />
              ))}
            </ol>
          ) : null}

          {settled ? (
            <Pager label="Result pages" page={settled.page} pages={resultPages(settled.total)} hrefFor={hrefForPage} />
          ) : null}
        </section>
      </div>
    </div>
  );
}

function Summary({ data, state, browsing }: { data: SearchResponse; state: SearchParams; browsing: boolean }) {
  const count = resultCount(data, 'document', 'documents');
  if (browsing) return <>Newest guidance · {count}</>;
  return (
    <>
      {count}
      {state.q.trim() ? (
        <>
          {' '}
          for <q>{state.q.trim()}</q>
        </>
      ) : null}
      <span className="muted small"> · {data.tookMs} ms</span>
    </>
  );
}

function Facets({
  state,
  data,
  onToggle,
}: {
  state: SearchParams;
  data: SearchResponse | undefined;
  onToggle: (facet: SearchFacet, value: string) => void;
}) {
  const taxonomy = useTaxonomy();
  if (!data) return null;
  const options = (facet: SearchFacet): FacetOption[] => {
    const counts = data.facets[facet];
    const selected = state.filters[facet];
    switch (facet) {
      case 'offenseType':
        return termOptions(taxonomy.data?.offenseTypes ?? [], counts, selected);
      case 'consequence':
        return termOptions(taxonomy.data?.consequences ?? [], counts, selected);
      case 'jurisdiction':
        return countedOptions(counts, selected, jurisdictionLabel);
      case 'kind':
        return countedOptions(counts, selected, kindLabel);
      default:
        return countedOptions(counts, selected, (v) => v);
    }
  };
  return (
    <div>
      {SEARCH_FACETS.map((facet) => (
        <FacetGroup
          key={facet}
          facet={facet}
          vocabulary={facet === 'offenseType' || facet === 'consequence'}
          options={options(facet)}
          counts={data.facets[facet]}
          selected={state.filters[facet]}
          onToggle={onToggle}
        />
      ))}
    </div>
  );
}

/** How a facet's value reads: the vocabulary's label, the jurisdiction's or kind's name. */
function useFilterLabel() {
  const termLabel = useTermLabels();
  return (facet: SearchFacet, value: string) =>
    facet === 'jurisdiction'
      ? jurisdictionLabel(value)
      : facet === 'kind'
        ? kindLabel(value)
        : facet === 'publisher'
          ? value
          : termLabel(value);
}

/** "Follow this search": the words and filters, named after them, one click. */
function FollowSearch({ state }: { state: SearchParams }) {
  const label = useFilterLabel();
  const parts = [
    ...(state.q.trim() ? [`“${state.q.trim()}”`] : []),
    ...SEARCH_FACETS.flatMap((facet) =>
      state.filters[facet].map((value) => `${FACET_TITLES[facet]}: ${label(facet, value)}`),
    ),
  ];
  const name = parts.join(' · ');
  return (
    <FollowButton
      kind="search"
      target={searchTarget(state.q, state.filters)}
      name={name}
      label={`this search: ${name}`}
      text="Follow this search"
      textOn="Following this search"
      small
    />
  );
}

/** The facets a reader may follow as topics: new guidance tagged with them reaches the bell. */
const FOLLOWABLE_FACETS: ReadonlySet<SearchFacet> = new Set(['offenseType', 'consequence', 'jurisdiction']);

function ActiveFilters({
  state,
  onRemove,
  onClear,
}: {
  state: SearchParams;
  onRemove: (facet: SearchFacet, value: string) => void;
  onClear: () => void;
}) {
  const label = useFilterLabel();
  const chips = SEARCH_FACETS.flatMap((facet) => state.filters[facet].map((value) => ({ facet, value })));
  if (chips.length === 0) return null;
  return (
    <section className={styles.activeFilters} aria-label="Active filters">
      <ul>
        {chips.map(({ facet, value }) => (
          <li key={`${facet}:${value}`}>
            <RemoveChip
              onRemove={() => onRemove(facet, value)}
              removeLabel={`Remove filter ${FACET_TITLES[facet]}: ${label(facet, value)}`}
            >
              <span className={styles.chipFacet}>{FACET_TITLES[facet]}:</span> {label(facet, value)}
            </RemoveChip>
            {FOLLOWABLE_FACETS.has(facet) ? (
              <FollowButton
                kind={facet as 'offenseType' | 'consequence' | 'jurisdiction'}
                target={value}
                label={`${FACET_TITLES[facet]}: ${label(facet, value)}`}
                small
              />
            ) : null}
          </li>
        ))}
      </ul>
      <button type="button" className="button link small" onClick={onClear}>
        Clear all filters
      </button>
    </section>
  );
}

/** What the search read in the words, so a surprising result explains itself; a named jurisdiction is one click away. */
function Understood({
  understood,
  chosen,
  onJurisdiction,
}: {
  understood: NonNullable<SearchResponse['understood']>;
  chosen: string[];
  onJurisdiction: (code: string) => void;
}) {
  const readings = [
    ...understood.phrases.map((p) => ({ key: `p:${p.phrase}`, text: `“${p.phrase}” as ${p.meanings.join(' / ')}` })),
    ...understood.citations.map((c) => ({ key: `c:${c}`, text: `${c} as a citation` })),
  ];
  const jurisdictions = understood.jurisdictions.filter((code) => !chosen.includes(code));
  if (readings.length === 0 && jurisdictions.length === 0) return null;
  return (
    <div className={`${styles.understood} small`} data-testid="search-understood">
      {readings.length > 0 ? (
        <p>
          <span className="muted">Searched for </span>
          {readings.map((r, i) => (
            <span key={r.key}>
              {i > 0 ? '; ' : ''}
              {r.text}
            </span>
          ))}
        </p>
      ) : null}
      {jurisdictions.length > 0 ? (
        <p>
          {jurisdictions.map((code) => (
            <button key={code} type="button" className="button link small" onClick={() => onJurisdiction(code)}>
              Only {jurisdictionLabel(code)} guidance
            </button>
          ))}
        </p>
      ) : null}
    </div>
  );
}

/** Nothing matched as asked: the broader search's results, what was dropped, and the one click that broadens. */
function RelaxedResults({
  data,
  state,
  onBroaden,
  onUnquote,
}: {
  data: SearchResponse;
  state: SearchParams;
  onBroaden: () => void;
  onUnquote: () => void;
}) {
  const relaxed = data.relaxed;
  if (!relaxed) return null;
  const withoutFilters = relaxed.dropped.includes('filters');
  const withoutQuotes = relaxed.dropped.includes('quotes');
  const dropped = [withoutQuotes ? 'the quotation marks' : null, withoutFilters ? 'the filters' : null]
    .filter(Boolean)
    .join(' and ');
  return (
    <div className={styles.relaxed} data-testid="relaxed-results">
      <div className={styles.searchEmpty}>
        <h2>No published guidance matches{state.q.trim() ? ` “${state.q.trim()}”` : ''} as asked</h2>
        <p>
          Without {dropped}, {resultCount(relaxed, 'document matches', 'documents match')}:{' '}
          {withoutQuotes ? (
            <button type="button" className="button small" onClick={onUnquote}>
              Search without quotation marks
            </button>
          ) : null}{' '}
          {withoutFilters ? (
            <button type="button" className="button small" onClick={onBroaden}>
              Search without filters
            </button>
          ) : null}
        </p>
      </div>
      <ol className="result-list">
        {relaxed.hits.map((hit) => (
          <SearchResult
            key={hit.documentId}
            hit={hit}
            staleMonths={data.reviewStaleMonths}
            onOpen={() => recordClick(state.q)}
          />
        ))}
      </ol>
    </div>
  );
}

function EmptyResults({
  state,
  onClearFilters,
  onClearAll,
}: {
  state: SearchParams;
  onClearFilters: () => void;
  onClearAll: () => void;
}) {
  const filtering = activeFilterCount(state) > 0;
  return (
    <div className={styles.searchEmpty}>
      <h2>No published guidance matches{state.q.trim() ? ` “${state.q.trim()}”` : ''}</h2>
      <ul>
        {filtering ? (
          <li>
            Remove a filter above, or{' '}
            <button type="button" className="button link" onClick={onClearFilters}>
              clear all filters
            </button>
            .
          </li>
        ) : null}
        <li>Try fewer or broader words: “theft CIMT” rather than a whole sentence.</li>
        <li>Citations work in any common form: “PC 273.5”, “Cal. Penal Code § 273.5”, “8 U.S.C. § 1101(a)(43)(G)”.</li>
        <li>
          Or{' '}
          <button type="button" className="button link" onClick={onClearAll}>
            start over with the newest guidance
          </button>
          .
        </li>
      </ul>
    </div>
  );
}

/** The API answers the first SEARCH_MAX_OFFSET hits at most: no page beyond them. */
const resultPages = (total: number) =>
  Math.min(Math.ceil(total / SEARCH_PER_PAGE), Math.floor(SEARCH_MAX_OFFSET / SEARCH_PER_PAGE));
