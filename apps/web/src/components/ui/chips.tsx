import type { ReactNode } from 'react';
import { Link, type To } from 'react-router';
import styles from './chips.module.css';

/** A row of chips; each child is a `<li>`. */
export function ChipList({ label, className, children }: { label?: string; className?: string; children: ReactNode }) {
  return (
    <ul className={className ? `${styles.list} ${className}` : styles.list} aria-label={label}>
      {children}
    </ul>
  );
}

/** A tag that links somewhere; `accent` sets it apart from its neighbours. */
export function LinkChip({ to, accent, children }: { to: To; accent?: boolean; children: ReactNode }) {
  return (
    <Link className={accent ? `${styles.link} ${styles.accent}` : styles.link} to={to}>
      {children}
    </Link>
  );
}

/** A value the chip itself removes when pressed; `removeLabel` names the action for screen readers. */
export function RemoveChip({
  onRemove,
  removeLabel,
  children,
}: {
  onRemove: () => void;
  removeLabel: string;
  children: ReactNode;
}) {
  return (
    <button type="button" className={styles.remove} onClick={onRemove} aria-label={removeLabel}>
      <span>{children}</span>
      <span className={styles.removeX} aria-hidden="true">
        ×
      </span>
    </button>
  );
}

/** A picked value with its own × button; `warning` marks a value that needs attention. */
export function PickedChip({
  onRemove,
  removeLabel,
  disabled,
  warning,
  children,
}: {
  onRemove: () => void;
  removeLabel: string;
  disabled?: boolean;
  warning?: boolean;
  children: ReactNode;
}) {
  return (
    <li className={warning ? `${styles.picked} ${styles.warning}` : styles.picked}>
      <span>{children}</span>
      <button
        type="button"
        className={styles.pickedRemove}
        aria-label={removeLabel}
        disabled={disabled}
        onClick={onRemove}
      >
        ×
      </button>
    </li>
  );
}
