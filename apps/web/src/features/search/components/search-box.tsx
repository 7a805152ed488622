import type { SearchFacet, Suggestion } from '@kb/contracts';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { kindLabel } from '../../../components/ui/labels';
import { useSuggestions } from '../api/suggest';
import styles from './search.module.css';

const DEBOUNCE_MS = 200;

const FACET_NAMES: Record<string, string> = { offenseType: 'Offense type', consequence: 'Consequence' };

/**
 * The search box: results follow the typing (debounced), and a list of suggestions offers
 * vocabulary terms (to filter by), document titles (to open) and citations (to search for).
 * Keyboard: ↓/↑ move through the suggestions, Enter picks one (or searches now), Escape closes.
 */
export function SearchBox({
  value,
  onSearch,
  onPickTerm,
  onOpen,
}: {
  /** The query in the address. */
  value: string;
  /** Called with the typed text; `immediate` when the reader pressed Enter or picked a citation. */
  onSearch: (q: string, immediate: boolean) => void;
  onPickTerm: (facet: SearchFacet, code: string) => void;
  /** A suggested document or chart row was picked: its page. */
  onOpen: (path: string) => void;
}) {
  const [text, setText] = useState(value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const written = useRef(value);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const suggestions = useSuggestions(open ? text.trim() : '');
  const options: Suggestion[] = open && text.trim().length >= 2 ? (suggestions.data?.suggestions ?? []) : [];

  // The address changed by itself (back, forward, a chip removed): show its query. The address
  // keeps the query trimmed, so "petty " written while typing comes back as "petty": that is
  // our own query, and taking it would eat the space the lawyer just typed.
  useEffect(() => {
    if (value.trim() !== written.current.trim()) {
      written.current = value;
      setText(value);
    }
  }, [value]);

  // Results as you type, once the typing pauses.
  useEffect(() => {
    if (text === written.current) return;
    const timer = setTimeout(() => {
      written.current = text;
      onSearch(text, false);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onSearch]);

  // "/" anywhere outside a field jumps to the search box.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey) return;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const searchNow = (q: string) => {
    written.current = q;
    setText(q);
    setOpen(false);
    onSearch(q, true);
  };

  const pick = (option: Suggestion) => {
    setOpen(false);
    setActive(-1);
    if (option.type === 'term') {
      written.current = '';
      setText('');
      onPickTerm(option.facet, option.code);
    } else if (option.type === 'document') {
      onOpen(`/documents/${encodeURIComponent(option.slug)}`);
    } else if (option.type === 'offense') {
      onOpen(option.path);
    } else {
      searchNow(option.text);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && options.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % options.length);
    } else if (event.key === 'ArrowUp' && options.length > 0) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const option = options[active];
      if (open && option) pick(option);
      else searchNow(text);
    }
  };

  const expanded = options.length > 0;
  return (
    <div className={styles.searchBox}>
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        Search advisories, statutes and decisions
      </label>
      <svg className={styles.searchBoxIcon} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <circle cx="8.5" cy="8.5" r="6" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M13 13l5 5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <input
        ref={input}
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={`${listId}-list`}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? `${listId}-option-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder='Offense, consequence or citation — "petty theft CIMT", "PC 273.5", "H&S 11350"'
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        maxLength={500}
      />
      {text ? (
        <button
          type="button"
          className={styles.searchBoxClear}
          aria-label="Clear the search text"
          onClick={() => {
            searchNow('');
            input.current?.focus();
          }}
        >
          ×
        </button>
      ) : null}
      <div
        id={`${listId}-list`}
        role="listbox"
        aria-label="Suggestions"
        className={styles.suggestions}
        hidden={!expanded}
      >
        {options.map((option, i) => (
          <div
            key={`${option.type}-${option.type === 'document' || option.type === 'offense' ? option.slug : option.type === 'term' ? option.code : option.text}`}
            id={`${listId}-option-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className={i === active ? `${styles.suggestion} active` : styles.suggestion}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(option);
            }}
          >
            <span className={styles.suggestionType}>
              {option.type === 'term'
                ? `Filter · ${FACET_NAMES[option.facet]}`
                : option.type === 'document'
                  ? kindLabel(option.kind)
                  : option.type === 'offense'
                    ? 'Chart row'
                    : 'Citation'}
            </span>
            <span className={styles.suggestionText}>{option.text}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
