import type { FacetCounts, SearchFacet, TaxonomyTerm } from '@kb/contracts';
import { useId, useState } from 'react';
import styles from './search.module.css';

export interface FacetOption {
  value: string;
  label: string;
  /** The parent term of a subcategory ("AF (G)" under "Aggravated felony"). */
  parent?: string;
}

export const FACET_TITLES: Record<SearchFacet, string> = {
  offenseType: 'Offense type',
  consequence: 'Immigration consequence',
  jurisdiction: 'Jurisdiction',
  kind: 'Kind of document',
  publisher: 'Publisher',
};

const COLLAPSED = 8;

/**
 * Vocabulary terms in the vocabulary's order, each subcategory under its parent; only the
 * terms with results (or chosen) are listed.
 */
export function termOptions(terms: TaxonomyTerm[], counts: FacetCounts, selected: string[]): FacetOption[] {
  const shown = (code: string) => (counts[code] ?? 0) > 0 || selected.includes(code);
  const known = new Set(terms.map((t) => t.code));
  const options: FacetOption[] = [];
  for (const root of terms.filter((t) => !t.parentCode || !known.has(t.parentCode))) {
    const children = terms.filter((t) => t.parentCode === root.code && shown(t.code));
    if (!shown(root.code) && children.length === 0) continue;
    options.push({ value: root.code, label: root.label });
    for (const child of children) options.push({ value: child.code, label: child.label, parent: root.code });
  }
  // A chosen code the vocabulary no longer has still shows, so it can be removed.
  for (const code of selected) if (!known.has(code)) options.push({ value: code, label: code });
  return options;
}

/** Values by descending count, chosen ones always included. */
export function countedOptions(counts: FacetCounts, selected: string[], label: (value: string) => string) {
  const values = [...new Set([...Object.keys(counts), ...selected])];
  values.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || label(a).localeCompare(label(b)));
  return values.map((value) => ({ value, label: label(value) }));
}

/**
 * One facet: checkboxes with counts; choosing several values of one facet widens (either).
 * Folded, it shows the main categories (a chosen category opens its subcategories) or, for a
 * flat facet, the most frequent values; "show all" lists everything.
 */
export function FacetGroup({
  facet,
  options,
  counts,
  selected,
  onToggle,
  vocabulary = false,
}: {
  facet: SearchFacet;
  /** A vocabulary facet: every main category shows, subcategories under a chosen one. */
  vocabulary?: boolean;
  options: FacetOption[];
  counts: FacetCounts;
  selected: string[];
  onToggle: (facet: SearchFacet, value: string) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  if (options.length === 0) return null;
  const folded = vocabulary
    ? options.filter((o) => !o.parent || selected.includes(o.parent) || selected.includes(o.value))
    : options.filter((o, i) => i < COLLAPSED || selected.includes(o.value));
  const visible = expanded ? options : folded;
  return (
    <fieldset className={styles.facet}>
      <legend className={styles.facetTitle}>{FACET_TITLES[facet]}</legend>
      <ul className={styles.facetValues} id={`${id}-values`}>
        {visible.map((option) => {
          const count = counts[option.value] ?? 0;
          const checked = selected.includes(option.value);
          return (
            <li
              key={option.value}
              className={option.parent ? `${styles.facetValue} ${styles.child}` : styles.facetValue}
            >
              <label>
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={() => onToggle(facet, option.value)}
                  data-facet={facet}
                  data-value={option.value}
                />
                <span className={styles.facetLabel}>{option.label}</span>
                <span className={styles.facetCount}>
                  {count}
                  <span className="visually-hidden"> documents</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {folded.length < options.length ? (
        <button
          type="button"
          className={`button link small ${styles.facetMore}`}
          aria-expanded={expanded}
          aria-controls={`${id}-values`}
          onClick={() => setExpanded((e) => !e)}
        >
          {expanded ? 'Show fewer' : vocabulary ? 'Show subcategories' : `Show all ${options.length}`}
        </button>
      ) : null}
    </fieldset>
  );
}
