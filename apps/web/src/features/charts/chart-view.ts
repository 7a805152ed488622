import {
  type AssessmentOutcome,
  assessmentOf,
  CONSEQUENCE_COLUMN_CODES,
  type ConsequenceColumn,
  OFFENSE_GRADES,
  type OffenseEntryData,
} from '@kb/contracts';
import { findCitations } from '@kb/search/citations';

/** What the chart page needs of a row: its address and its structured content. */
export interface ChartRow {
  slug: string;
  data: OffenseEntryData;
}

/** A column without an assessment is shown (and filtered) as `unclear`, as the contract says. */
export const outcomeOf = (offense: OffenseEntryData, column: ConsequenceColumn): AssessmentOutcome =>
  assessmentOf(offense, column).outcome;

// ---------------------------------------------------------------------------------------
// The text filter: citations in any form meet on the search module's canonical keys, so
// "273.5 PC", "PC 273.5" and "Cal. Penal Code § 273.5" find the same row, and a partial
// citation ("PC 273") finds every row it could mean (273.5, 273a, 273d, 273(a)).
// ---------------------------------------------------------------------------------------

/** A citation's most specific key without the closing `z`: `capc273d5pa` for PC 273.5(a). */
const specificKeys = (text: string) =>
  findCitations(text).map((citation) => (citation.keys.at(-1) ?? '').replace(/z$/, ''));

/**
 * Whether a row citing `rowKey` answers a query citing `queryKey`: the same provision, one
 * of its subsections or sections that begin with it (a partial citation), or the whole
 * section when the query names a subsection of it. Never a sibling: PC 273.5(a) ≠ 273.5(f).
 */
export function citationMatches(rowKey: string, queryKey: string): boolean {
  if (rowKey === queryKey) return true;
  if (rowKey.startsWith(queryKey)) return !/\d/.test(rowKey.charAt(queryKey.length));
  if (queryKey.startsWith(rowKey)) return queryKey.charAt(rowKey.length) === 'p';
  return false;
}

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

function rowText(offense: OffenseEntryData): string {
  return fold(
    [
      offense.offenseName,
      ...offense.statutes,
      offense.grade,
      ...CONSEQUENCE_COLUMN_CODES.map((c) => offense.assessments[c]?.summary ?? ''),
      ...offense.saferAlternatives.flatMap((a) => [a.statute, a.advice]),
    ].join('\n'),
  );
}

/** Builds the text filter once per query; the returned test runs once per row. */
export function textMatcher(query: string): (offense: OffenseEntryData) => boolean {
  const citations = findCitations(query);
  const queryKeys = citations.map((c) => (c.keys.at(-1) ?? '').replace(/z$/, ''));
  let words = query;
  for (const c of [...citations].reverse()) words = `${words.slice(0, c.start)} ${words.slice(c.end)}`;
  const terms = fold(words)
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  if (queryKeys.length === 0 && terms.length === 0) return () => true;
  return (offense) => {
    if (queryKeys.length > 0) {
      const rowKeys = offense.statutes.flatMap(specificKeys);
      if (!queryKeys.every((q) => rowKeys.some((k) => citationMatches(k, q)))) return false;
    }
    if (terms.length === 0) return true;
    const text = rowText(offense);
    return terms.every((t) => text.includes(t));
  };
}

// ---------------------------------------------------------------------------------------
// The outcome filter: "offenses that are not aggravated felonies" is aggravated_felony = no.
// ---------------------------------------------------------------------------------------

export const OUTCOME_FILTERS = ['no', 'yes', 'depends', 'unclear', 'not_yes'] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

export const OUTCOME_FILTER_LABELS: Record<OutcomeFilter, string> = {
  no: 'No',
  yes: 'Yes',
  depends: 'Depends',
  unclear: 'Unclear',
  not_yes: 'Anything but yes (no, depends or unclear)',
};

export const outcomeMatches = (outcome: AssessmentOutcome, filter: OutcomeFilter) =>
  filter === 'not_yes' ? outcome !== 'yes' : outcome === filter;

// ---------------------------------------------------------------------------------------
// Sorting: by statute (the chart's natural order), name, grade, maximum sentence, or a
// consequence column (most adverse first: yes, depends, unclear, no).
// ---------------------------------------------------------------------------------------

export type SortKey = 'statute' | 'offense' | 'grade' | 'maxSentence' | ConsequenceColumn;
export const SORT_KEYS: SortKey[] = ['statute', 'offense', 'grade', 'maxSentence', ...CONSEQUENCE_COLUMN_CODES];
export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const OUTCOME_ORDER: Record<AssessmentOutcome, number> = { yes: 0, depends: 1, unclear: 2, no: 3 };

function compareBy(key: SortKey, a: OffenseEntryData, b: OffenseEntryData): number {
  switch (key) {
    case 'statute':
      return collator.compare(a.statutes[0] ?? '', b.statutes[0] ?? '');
    case 'offense':
      return collator.compare(a.offenseName, b.offenseName);
    case 'grade':
      return OFFENSE_GRADES.indexOf(a.grade) - OFFENSE_GRADES.indexOf(b.grade);
    case 'maxSentence':
      // Unknown maximum sorts last either way round.
      return (a.maxSentenceDays ?? Number.MAX_SAFE_INTEGER) - (b.maxSentenceDays ?? Number.MAX_SAFE_INTEGER);
    default:
      return OUTCOME_ORDER[outcomeOf(a, key)] - OUTCOME_ORDER[outcomeOf(b, key)];
  }
}

export interface ChartQuery {
  q: string;
  consequence: ConsequenceColumn | null;
  outcome: OutcomeFilter | null;
  sort: SortKey;
  direction: SortDirection;
}

/** The rows a chart shows for a query: filtered by text and outcome, sorted, ties by statute. */
export function chartRows<T extends ChartRow>(rows: T[], query: ChartQuery): T[] {
  const matchesText = textMatcher(query.q);
  const { consequence, outcome } = query;
  const sign = query.direction === 'desc' ? -1 : 1;
  return rows
    .filter((row) => matchesText(row.data))
    .filter((row) => !consequence || !outcome || outcomeMatches(outcomeOf(row.data, consequence), outcome))
    .sort(
      (a, b) =>
        sign * compareBy(query.sort, a.data, b.data) ||
        compareBy('statute', a.data, b.data) ||
        collator.compare(a.slug, b.slug),
    );
}
