import { useEffect, useId, useState } from 'react';
import styles from './lines-field.module.css';

const splitLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A list edited one item a line; what is typed stays as typed until the list itself changes. */
export function LinesField({
  label,
  hint,
  value,
  onChange,
  disabled,
  rows = 2,
}: {
  label: string;
  hint?: string;
  value: string[];
  onChange: (next: string[]) => void;
  disabled?: boolean;
  rows?: number;
}) {
  const id = useId();
  const [text, setText] = useState(value.join('\n'));
  useEffect(() => {
    // Replaced from outside (a restore, a merge): show the new list.
    setText((current) => (JSON.stringify(splitLines(current)) === JSON.stringify(value) ? current : value.join('\n')));
  }, [value]);
  return (
    <div className="field">
      <label htmlFor={id}>
        <span className={styles.label}>{label}</span>
      </label>
      <textarea
        id={id}
        rows={rows}
        value={text}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          onChange(splitLines(e.target.value));
        }}
      />
      {hint ? (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
    </div>
  );
}
