import { type FormEvent, type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';
import styles from './dialog.module.css';

/**
 * Opens a <dialog> as a modal when it mounts (focus stays inside, Esc closes it) and, when it
 * goes away, gives focus back to what had it before: the button that opened it.
 */
function useModal(ref: RefObject<HTMLDialogElement | null>) {
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}

/** A modal dialog holding a form; Esc or the browser closing it is `onCancel`. */
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
  useModal(ref);
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

/**
 * A panel that slides over the page on a phone (filters, contents): modal, with a close button
 * at the top and `footer` (e.g. "Show 12 results") at the bottom.
 */
export function Drawer({
  title,
  onClose,
  footer,
  children,
}: {
  title: string;
  onClose: () => void;
  footer?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useModal(ref);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard closes it with Esc (a native dialog)
    <dialog
      ref={ref}
      className={styles.drawer}
      aria-labelledby={titleId}
      onClose={onClose}
      // A tap on the dimmed page beside the panel closes it.
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
    >
      <div className={styles.drawerHead}>
        <h2 id={titleId} className={styles.drawerTitle}>
          {title}
        </h2>
        <button
          type="button"
          className={styles.drawerClose}
          aria-label={`Close ${title.toLowerCase()}`}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <div className={styles.drawerBody}>{children}</div>
      {footer ? <div className={styles.drawerFoot}>{footer}</div> : null}
    </dialog>
  );
}
