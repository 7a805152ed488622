import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import styles from './auth.module.css';

/** The frame of the public account pages (no navigation: the visitor is not signed in). */
export function AuthCard({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={styles.authPage}>
      <main className={wide ? `${styles.authCard} ${styles.wide}` : styles.authCard} aria-labelledby="auth-card-title">
        <div className={`brand ${styles.authBrand}`}>
          <span className="brand-mark" aria-hidden="true">
            §
          </span>
          Advisory KB
        </div>
        <h1 id="auth-card-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}

/** Why a one-time link cannot be used, with the way forward. */
export function LinkProblem({ error }: { error: unknown }) {
  return (
    <>
      <ErrorMessage error={error} />
      <p className={styles.linkRow}>
        <Link to="/sign-in">Go to sign-in</Link>
      </p>
    </>
  );
}

export function MissingToken({ what }: { what: string }) {
  return (
    <>
      <p>This page opens from the {what} link your administrator sent you. Open that link again, in full.</p>
      <p className={styles.linkRow}>
        <Link to="/sign-in">Go to sign-in</Link>
      </p>
    </>
  );
}
