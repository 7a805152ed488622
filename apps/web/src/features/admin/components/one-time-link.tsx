import { useRef, useState } from 'react';
import styles from './admin.module.css';
import { formatDateTime } from './format';

/**
 * A one-time link, shown once to the admin who created it, with a copy button. Only its hash is
 * stored: once dismissed it cannot be shown again (a new link can be made).
 */
export function OneTimeLinkBox({
  title,
  url,
  expiresAt,
  delivered,
  onDismiss,
}: {
  title: string;
  url: string;
  expiresAt: string;
  delivered: boolean;
  onDismiss: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard API (plain HTTP on a LAN): select the text so Ctrl/Cmd+C copies it.
      input.current?.focus();
      input.current?.select();
      setCopied(document.execCommand?.('copy') ? 'yes' : 'no');
    }
  };

  return (
    <section className={styles.linkBox} aria-label={title}>
      <h3>{title}</h3>
      <div className={styles.linkRow}>
        <input
          ref={input}
          readOnly
          value={url}
          aria-label="One-time link"
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
        <button type="button" className="button primary" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p className={`small ${styles.linkStatus}`} aria-live="polite">
        {copied === 'yes' ? 'Copied to the clipboard. ' : null}
        {copied === 'no' ? 'Press Ctrl+C (⌘C) to copy the selected link. ' : null}
      </p>
      <p className="muted small">
        Works once, until {formatDateTime(expiresAt)}.{' '}
        {delivered
          ? 'It was also sent by e-mail.'
          : 'Send it to them yourself (e-mail, chat). For safety it is not shown again once you close this box.'}
      </p>
      <button type="button" className="button small" onClick={onDismiss}>
        Done
      </button>
    </section>
  );
}
