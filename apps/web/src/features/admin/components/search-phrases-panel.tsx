import { SEARCH_PHRASE_KIND_LABELS, SEARCH_PHRASE_KINDS, type SearchPhraseKind } from '@kb/contracts';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { RecordTable } from '../../../components/ui/record-table';
import { Spinner } from '../../../components/ui/spinner';
import { useChangePhrase, usePhrases } from '../api/search-phrases';
import adminStyles from './admin.module.css';
import styles from './vocabulary.module.css';

const meaningList = (text: string) =>
  text
    .split(/[,;]/)
    .map((m) => m.trim())
    .filter(Boolean);

/**
 * The lawyer's vocabulary: what practitioners type ("CMT", "ICE hold", "joyriding") and what the
 * guidance calls it. Search reads it as synonyms at once; a meaning may be a citation ("VC 10851").
 */
export function SearchPhrasesPanel() {
  const phrases = usePhrases();
  const change = useChangePhrase();
  const [kind, setKind] = useState<SearchPhraseKind>('lay_term');
  const [phrase, setPhrase] = useState('');
  const [meanings, setMeanings] = useState('');
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const rows = (phrases.data?.phrases ?? []).filter(
    (p) => !needle || `${p.phrase} ${p.meanings.join(' ')}`.toLowerCase().includes(needle),
  );

  return (
    <section className={adminStyles.adminPanel} aria-labelledby="search-phrases-title">
      <h2 id="search-phrases-title">Words lawyers search with</h2>
      <p className="muted">
        Abbreviations, lay and street terms and everyday names of offenses, with what the guidance calls them. Search
        finds the meanings when a reader types the phrase; a meaning can be a citation (“VC 10851”).
      </p>
      <form
        className={styles.termForm}
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate(
            { kind: 'create', body: { kind, phrase: phrase.trim(), meanings: meaningList(meanings) } },
            {
              onSuccess: () => {
                setPhrase('');
                setMeanings('');
              },
            },
          );
        }}
      >
        <label className="field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as SearchPhraseKind)}>
            {SEARCH_PHRASE_KINDS.map((k) => (
              <option key={k} value={k}>
                {SEARCH_PHRASE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Phrase</span>
          <input type="text" required maxLength={80} value={phrase} onChange={(e) => setPhrase(e.target.value)} />
        </label>
        <label className={`field ${styles.grow}`}>
          <span>Means</span>
          <input
            type="text"
            required
            value={meanings}
            placeholder="Comma-separated, e.g. immigration detainer, detainer"
            onChange={(e) => setMeanings(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="button primary"
          disabled={change.isPending || !phrase.trim() || meaningList(meanings).length === 0}
        >
          Add phrase
        </button>
      </form>
      {change.isError ? <ErrorMessage error={change.error} /> : null}
      <label className="field">
        <span>Find a phrase</span>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {phrases.isPending ? <Spinner label="Loading phrases…" /> : null}
      {phrases.isError ? <ErrorMessage error={phrases.error} retry={() => void phrases.refetch()} /> : null}
      {phrases.data ? (
        <div className={adminStyles.tableScroll}>
          <RecordTable className={adminStyles.adminTable} columns={['Phrase', 'Means', 'Kind']} actions>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>{p.phrase}</td>
                <td>{p.meanings.join('; ')}</td>
                <td>{SEARCH_PHRASE_KIND_LABELS[p.kind]}</td>
                <td>
                  <button
                    type="button"
                    className="button link"
                    disabled={change.isPending}
                    onClick={() => change.mutate({ kind: 'delete', id: p.id })}
                  >
                    Remove<span className="visually-hidden"> {p.phrase}</span>
                  </button>
                </td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  No phrase matches.
                </td>
              </tr>
            ) : null}
          </RecordTable>
        </div>
      ) : null}
    </section>
  );
}
