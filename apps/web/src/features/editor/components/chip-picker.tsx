import { useId, useMemo, useRef, useState } from 'react';
import { ChipList, PickedChip } from '../../../components/ui/chips';
import styles from './editor.module.css';

export interface PickerOption {
  value: string;
  label: string;
  /** Shown after the label, e.g. the broader term. */
  context?: string;
  /** Other words the search matches: code, synonyms, abbreviations. */
  keywords: string[];
}

const normalize = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');

/**
 * A multi-select combobox: type to search labels, codes and synonyms; arrows and Enter to
 * pick; the picked values are chips with remove buttons. Values no longer among the options
 * (a term merged away) stay visible, marked, until removed.
 */
export function ChipPicker({
  label,
  options,
  value,
  onChange,
  placeholder,
  disabled,
}: {
  label: string;
  options: PickerOption[];
  value: string[];
  onChange: (next: string[]) => void;
  placeholder?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);

  const matches = useMemo(() => {
    const q = normalize(query.trim());
    const available = options.filter((o) => !value.includes(o.value));
    if (!q) return available.slice(0, 60);
    const scored = available
      .map((o) => {
        const label = normalize(o.label);
        const words = o.keywords.map(normalize);
        // An exact abbreviation or code ("CIMT", "af-g") is the surest sign of what is meant.
        const score =
          words.some((w) => w === q) || label === q
            ? 0
            : label.startsWith(q)
              ? 1
              : label.includes(q)
                ? 2
                : words.some((w) => w.includes(q))
                  ? 3
                  : normalize(o.value).includes(q)
                    ? 4
                    : -1;
        return { o, score };
      })
      .filter((x) => x.score >= 0)
      .sort((a, b) => a.score - b.score);
    return scored.slice(0, 60).map((x) => x.o);
  }, [options, query, value]);

  const pick = (option: PickerOption | undefined) => {
    if (!option) return;
    onChange([...value, option.value]);
    setQuery('');
    setActive(0);
    input.current?.focus();
  };
  const listId = `${id}-list`;

  return (
    <div className={styles.chipPicker}>
      <label className={styles.chipPickerLabel} htmlFor={`${id}-input`}>
        {label}
      </label>
      {value.length > 0 ? (
        <ChipList label={`Selected ${label.toLowerCase()}`} className={styles.chips}>
          {value.map((v) => {
            const option = byValue.get(v);
            return (
              <PickedChip
                key={v}
                warning={!option}
                removeLabel={`Remove ${option?.label ?? v}`}
                disabled={disabled}
                onRemove={() => onChange(value.filter((x) => x !== v))}
              >
                {option?.label ?? v}
                {option ? null : <span className={styles.chipNote}> — no longer in the vocabulary</span>}
              </PickedChip>
            );
          })}
        </ChipList>
      ) : null}
      <div className={styles.chipPickerBox}>
        <input
          ref={input}
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={open && matches.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && matches[active] ? `${id}-opt-${active}` : undefined}
          placeholder={placeholder ?? 'Search by name, code or abbreviation'}
          value={query}
          disabled={disabled}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setOpen(true);
              setActive((a) => Math.min(a + 1, matches.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter') {
              if (open && matches[active]) {
                e.preventDefault();
                pick(matches[active]);
              }
            } else if (e.key === 'Escape') {
              setOpen(false);
            } else if (e.key === 'Backspace' && !query && value.length > 0) {
              onChange(value.slice(0, -1));
            }
          }}
        />
        {open && matches.length > 0 ? (
          <div className={styles.chipOptions} id={listId} role="listbox" aria-label={label}>
            {matches.map((o, i) => (
              <div
                key={o.value}
                id={`${id}-opt-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(o);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className={styles.chipOptionLabel}>{o.label}</span>
                {o.context ? <span className={styles.chipOptionContext}>{o.context}</span> : null}
                <span className={styles.chipOptionCode}>{o.value}</span>
              </div>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
