import type { AdminTaxonomyTerm, TermChangeResponse, Vocabulary } from '@kb/contracts';
import { useMemo, useState } from 'react';
import { ErrorMessage, errorText } from '../../../components/ui/error-message';
import { FormActions } from '../../../components/ui/form-actions';
import { RecordTable } from '../../../components/ui/record-table';
import { Spinner } from '../../../components/ui/spinner';
import { type TermChange, useChangeTerm } from '../api/change-term';
import { useTerms } from '../api/list-terms';
import adminStyles from './admin.module.css';
import { AdminNav } from './admin-nav';
import { SearchPhrasesPanel } from './search-phrases-panel';
import styles from './vocabulary.module.css';

const VOCABULARY_LABELS: Record<Vocabulary, string> = { offense_type: 'Offense types', consequence: 'Consequences' };
const synonymList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

type Notice = { kind: 'success' | 'error' | 'warning'; text: string } | null;

/** Terms in tree order (broader terms first, narrower ones indented under them). */
function treeOrder(terms: AdminTaxonomyTerm[]): Array<{ term: AdminTaxonomyTerm; depth: number }> {
  const children = new Map<string | null, AdminTaxonomyTerm[]>();
  const codes = new Set(terms.map((t) => t.code));
  for (const t of terms) {
    const parent = t.parentCode && codes.has(t.parentCode) ? t.parentCode : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: Array<{ term: AdminTaxonomyTerm; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const t of (children.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      out.push({ term: t, depth });
      if (depth < 6) walk(t.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Admins manage the controlled vocabulary: add, rename, edit synonyms, move, merge. */
export function VocabularyPage() {
  const terms = useTerms();
  const change = useChangeTerm();
  const [vocabulary, setVocabulary] = useState<Vocabulary>('offense_type');
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [merging, setMerging] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const inVocabulary = useMemo(
    () => (terms.data?.terms ?? []).filter((t) => t.vocabulary === vocabulary),
    [terms.data, vocabulary],
  );
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const ordered = treeOrder(inVocabulary);
    if (!q) return ordered;
    return ordered.filter(({ term }) =>
      [term.label, term.code, ...term.synonyms].some((s) => s.toLowerCase().includes(q)),
    );
  }, [inVocabulary, filter]);

  const run = (request: TermChange, success: (r: TermChangeResponse) => string, after?: () => void) => {
    setNotice(null);
    change.mutate(request, {
      onSuccess: (result) => {
        setNotice(
          result.searchSynonymsUpdated
            ? { kind: 'success', text: success(result) }
            : {
                kind: 'warning',
                text: `${success(result)} Search could not be reached to update its synonyms; they will be updated when it is back.`,
              },
        );
        after?.();
      },
      onError: (error) => setNotice({ kind: 'error', text: errorText(error) }),
    });
  };

  return (
    <div className="page">
      <AdminNav />
      <h1>Vocabulary</h1>
      <p className="muted">
        Offense types and immigration consequences that editors tag documents with and readers filter by. Codes are
        permanent identifiers; labels and synonyms can change. Synonyms and abbreviations (e.g. “CIMT”) make search
        understand the words lawyers use.
      </p>

      <fieldset className={styles.vocabTabs}>
        <legend className="visually-hidden">Vocabulary</legend>
        {(Object.keys(VOCABULARY_LABELS) as Vocabulary[]).map((v) => (
          <button
            key={v}
            type="button"
            className={vocabulary === v ? `${styles.vocabTab} active` : styles.vocabTab}
            aria-pressed={vocabulary === v}
            onClick={() => {
              setVocabulary(v);
              setEditing(null);
              setMerging(null);
            }}
          >
            {VOCABULARY_LABELS[v]}
          </button>
        ))}
      </fieldset>

      <div aria-live="polite">
        {notice ? (
          <div className={`alert alert-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </div>
        ) : null}
      </div>

      <AddTermForm
        vocabulary={vocabulary}
        terms={inVocabulary}
        busy={change.isPending}
        onAdd={(body, reset) =>
          run({ kind: 'create', body }, (r) => `Added “${r.term.label}” (${r.term.code}).`, reset)
        }
      />

      <section className={adminStyles.adminPanel} aria-labelledby="terms-title">
        <div className={styles.termsHead}>
          <h2 id="terms-title">{VOCABULARY_LABELS[vocabulary]}</h2>
          <label className={`field ${styles.termsFilter}`}>
            <span>Filter</span>
            <input
              type="search"
              value={filter}
              placeholder="Label, code or synonym"
              onChange={(e) => setFilter(e.target.value)}
            />
          </label>
        </div>
        {terms.isPending ? <Spinner /> : null}
        {terms.isError ? <ErrorMessage error={terms.error} retry={() => void terms.refetch()} /> : null}
        {terms.data ? (
          // Wider than a phone: the table scrolls on its own (and the keyboard can scroll it), not the page.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          <section className={styles.tableScroll} aria-label="Terms" tabIndex={0}>
            <RecordTable
              className={styles.termsTable}
              caption="Terms of the vocabulary"
              columns={['Label', 'Code', 'Synonyms', { key: 'documents', label: 'Documents', className: styles.num }]}
              actions
            >
              {rows.map(({ term, depth }) =>
                editing === term.id ? (
                  <EditTermRow
                    key={term.id}
                    term={term}
                    terms={inVocabulary}
                    busy={change.isPending}
                    onCancel={() => setEditing(null)}
                    onSave={(body) =>
                      run(
                        { kind: 'update', id: term.id, body },
                        (r) => `Saved “${r.term.label}”. Documents tagged with it are being re-indexed.`,
                        () => setEditing(null),
                      )
                    }
                  />
                ) : (
                  <tr key={term.id}>
                    <td>
                      <span className={styles.termLabel} style={{ paddingLeft: `${depth * 1.25}rem` }}>
                        {depth > 0 ? (
                          <span className="muted" aria-hidden="true">
                            ↳{' '}
                          </span>
                        ) : null}
                        {term.label}
                      </span>
                    </td>
                    <td>
                      <code>{term.code}</code>
                      {term.mergedCodes.length > 0 ? (
                        <div className="muted small" title="Codes merged into this term still find it">
                          formerly {term.mergedCodes.join(', ')}
                        </div>
                      ) : null}
                    </td>
                    <td className={styles.synonyms}>{term.synonyms.join(', ') || <span className="muted">—</span>}</td>
                    <td className={styles.num}>{term.documentCount}</td>
                    <td className={styles.termActions}>
                      {merging === term.id ? (
                        <MergeControl
                          term={term}
                          terms={inVocabulary}
                          busy={change.isPending}
                          onCancel={() => setMerging(null)}
                          onMerge={(into) =>
                            run(
                              { kind: 'merge', id: term.id, body: { intoId: into.id } },
                              (r) =>
                                `Merged “${term.label}” into “${r.term.label}”: ${r.retaggedDocuments} ${
                                  r.retaggedDocuments === 1 ? 'document' : 'documents'
                                } re-tagged, and “${term.label}” is now a synonym.`,
                              () => setMerging(null),
                            )
                          }
                        />
                      ) : (
                        <>
                          <button
                            type="button"
                            className="button link"
                            onClick={() => {
                              setEditing(term.id);
                              setMerging(null);
                            }}
                          >
                            Edit<span className="visually-hidden"> {term.label}</span>
                          </button>
                          <button
                            type="button"
                            className="button link"
                            onClick={() => {
                              setMerging(term.id);
                              setEditing(null);
                            }}
                          >
                            Merge<span className="visually-hidden"> {term.label}</span>…
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ),
              )}
              {rows.length === 0 && terms.data ? (
                <tr>
                  <td colSpan={5} className="muted">
                    No term matches.
                  </td>
                </tr>
              ) : null}
            </RecordTable>
          </section>
        ) : null}
      </section>
      <SearchPhrasesPanel />
    </div>
  );
}

function ParentSelect({
  id,
  terms,
  value,
  exclude,
  onChange,
}: {
  id: string;
  terms: AdminTaxonomyTerm[];
  value: string;
  exclude?: string;
  onChange: (code: string) => void;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">— none (top level) —</option>
      {treeOrder(terms)
        .filter(({ term }) => term.code !== exclude)
        .map(({ term, depth }) => (
          <option key={term.id} value={term.code}>
            {'\u2003'.repeat(depth)}
            {term.label}
          </option>
        ))}
    </select>
  );
}

function AddTermForm({
  vocabulary,
  terms,
  busy,
  onAdd,
}: {
  vocabulary: Vocabulary;
  terms: AdminTaxonomyTerm[];
  busy: boolean;
  onAdd: (
    body: { vocabulary: Vocabulary; code: string; label: string; synonyms: string[]; parentCode: string | null },
    reset: () => void,
  ) => void;
}) {
  const [label, setLabel] = useState('');
  const [code, setCode] = useState('');
  const [codeTouched, setCodeTouched] = useState(false);
  const [synonyms, setSynonyms] = useState('');
  const [parent, setParent] = useState('');
  const suggested = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  const effectiveCode = codeTouched ? code : suggested;
  const reset = () => {
    setLabel('');
    setCode('');
    setCodeTouched(false);
    setSynonyms('');
    setParent('');
  };
  return (
    <section className={adminStyles.adminPanel} aria-labelledby="add-term-title">
      <h2 id="add-term-title">Add a term</h2>
      <form
        className={styles.termForm}
        onSubmit={(e) => {
          e.preventDefault();
          onAdd(
            {
              vocabulary,
              code: effectiveCode,
              label: label.trim(),
              synonyms: synonymList(synonyms),
              parentCode: parent || null,
            },
            reset,
          );
        }}
      >
        <label className="field">
          <span>Label</span>
          <input type="text" required maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label className="field">
          <span>Code</span>
          <input
            type="text"
            required
            pattern="[a-z0-9][a-z0-9\-]*"
            maxLength={80}
            value={effectiveCode}
            title="Lowercase letters, digits and hyphens"
            onChange={(e) => {
              setCode(e.target.value);
              setCodeTouched(true);
            }}
          />
        </label>
        <div className="field">
          <label htmlFor="new-term-parent">Under (broader term)</label>
          <ParentSelect id="new-term-parent" terms={terms} value={parent} onChange={setParent} />
        </div>
        <label className={`field ${styles.grow}`}>
          <span>Synonyms and abbreviations</span>
          <input
            type="text"
            value={synonyms}
            placeholder="Comma-separated, e.g. DUI, drunk driving"
            onChange={(e) => setSynonyms(e.target.value)}
          />
        </label>
        <button type="submit" className="button primary" disabled={busy || !label.trim() || !effectiveCode}>
          Add to {VOCABULARY_LABELS[vocabulary].toLowerCase()}
        </button>
      </form>
    </section>
  );
}

function EditTermRow({
  term,
  terms,
  busy,
  onSave,
  onCancel,
}: {
  term: AdminTaxonomyTerm;
  terms: AdminTaxonomyTerm[];
  busy: boolean;
  onSave: (body: { label: string; synonyms: string[]; parentCode: string | null }) => void;
  onCancel: () => void;
}) {
  const [label, setLabel] = useState(term.label);
  const [synonyms, setSynonyms] = useState(term.synonyms.join(', '));
  const [parent, setParent] = useState(term.parentCode ?? '');
  return (
    <tr className={styles.editing}>
      <td colSpan={5}>
        <form
          className={styles.termForm}
          aria-label={`Edit ${term.label}`}
          onSubmit={(e) => {
            e.preventDefault();
            onSave({ label: label.trim(), synonyms: synonymList(synonyms), parentCode: parent || null });
          }}
        >
          <label className="field">
            <span>Label</span>
            <input type="text" required maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <div className="field">
            <label htmlFor={`parent-${term.id}`}>Under (broader term)</label>
            <ParentSelect
              id={`parent-${term.id}`}
              terms={terms}
              value={parent}
              exclude={term.code}
              onChange={setParent}
            />
          </div>
          <label className={`field ${styles.grow}`}>
            <span>Synonyms and abbreviations (comma-separated)</span>
            <input type="text" value={synonyms} onChange={(e) => setSynonyms(e.target.value)} />
          </label>
          <FormActions submit="Save" pending={busy} disabled={!label.trim()} onCancel={onCancel} />
          <p className={`muted small ${styles.termCodeNote}`}>
            Code <code>{term.code}</code> stays the same, so documents keep their tags.
          </p>
        </form>
      </td>
    </tr>
  );
}

function MergeControl({
  term,
  terms,
  busy,
  onMerge,
  onCancel,
}: {
  term: AdminTaxonomyTerm;
  terms: AdminTaxonomyTerm[];
  busy: boolean;
  onMerge: (into: AdminTaxonomyTerm) => void;
  onCancel: () => void;
}) {
  const [target, setTarget] = useState('');
  const into = terms.find((t) => t.id === target);
  return (
    <div className={styles.mergeControl}>
      <label>
        <span className="visually-hidden">Merge {term.label} into</span>
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Merge into…</option>
          {treeOrder(terms)
            .filter(({ term: t }) => t.id !== term.id)
            .map(({ term: t, depth }) => (
              <option key={t.id} value={t.id}>
                {'\u2003'.repeat(depth)}
                {t.label}
              </option>
            ))}
        </select>
      </label>
      {into ? (
        <p className={`small ${styles.mergeWarning}`}>
          Documents tagged “{term.label}” ({term.documentCount} published) are re-tagged “{into.label}”, each with a new
          revision; “{term.label}” becomes a synonym of it and is removed from the list.
        </p>
      ) : null}
      <div className={styles.termFormButtons}>
        <button
          type="button"
          className="button danger small"
          disabled={busy || !into}
          onClick={() => into && onMerge(into)}
        >
          Merge
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
