import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import styles from './dialog.module.css';

/**
 * A modal <dialog> holding a form: it opens when mounted, keeps focus inside, and Esc cancels
 * (`onCancel`). When it goes away, focus returns to what had it before (the button that opened it).
 */
export function Dialog({
  title,
  onSubmit,
  onCancel,
  children,
}: {
  title: ReactNode;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby={titleId} onClose={onCancel}>
      <form onSubmit={onSubmit}>
        <h2 id={titleId} className={styles.title}>
          {title}
        </h2>
        {children}
      </form>
    </dialog>
  );
}

/** The row of buttons at the bottom of a dialog: `start` on the left, `children` on the right. */
export function DialogActions({ start, children }: { start?: ReactNode; children: ReactNode }) {
  return (
    <div className={styles.actions}>
      {start}
      <span className={styles.spacer} />
      {children}
    </div>
  );
}
