import type { DocumentListItem } from '@kb/contracts';
import { type ReactNode, useDeferredValue, useState } from 'react';
import { Spinner } from '../../../components/ui/spinner';
import { useDocuments } from '../../documents';
import styles from './editor.module.css';

/**
 * Finds a published document by title words: a search box, then the newest matches the caller
 * accepts, each with what it is and the caller's button. `children` stand between the two.
 */
export function DocumentPicker({
  label,
  accepts,
  describe,
  action,
  empty,
  children,
}: {
  label: string;
  accepts: (document: DocumentListItem) => boolean;
  describe: (document: DocumentListItem) => ReactNode;
  action: (document: DocumentListItem) => ReactNode;
  empty: string;
  children?: ReactNode;
}) {
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const results = useDocuments({ status: 'published', q: query || undefined, sort: 'newest', perPage: 8 });
  const candidates = (results.data?.items ?? []).filter(accepts);
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Title words" />
      </label>
      {children}
      {results.isPending ? <Spinner label="Searching…" /> : null}
      <ul className={styles.pickList}>
        {candidates.map((d) => (
          <li key={d.id}>
            <div>
              <strong>{d.title}</strong>
              {describe(d)}
            </div>
            {action(d)}
          </li>
        ))}
        {results.data && candidates.length === 0 ? <li>{empty}</li> : null}
      </ul>
    </>
  );
}
