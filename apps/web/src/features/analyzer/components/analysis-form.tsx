import { CLIENT_STATUS_LABELS, CLIENT_STATUSES, JURISDICTIONS, MAX_ALTERNATIVES } from '@kb/contracts';
import type { FormEvent } from 'react';
import { useEntrySuggestions } from '../api/find-entries';
import styles from './analyzer.module.css';
import {
  type AlternativeForm,
  type AnalysisForm,
  emptyAlternative,
  emptyPrior,
  nextLabel,
  type PriorForm,
} from './form-model';

// Federal and the states: the jurisdictions an offense entry can belong to.
const JURISDICTION_OPTIONS = Object.entries(JURISDICTIONS).filter(
  ([code]) => code === 'federal' || code.startsWith('us-'),
);

function JurisdictionSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {JURISDICTION_OPTIONS.map(([code, label]) => (
        <option key={code} value={code}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** The entries a typed citation may mean; picking one pins the exact row ("PC 459" has two degrees). */
function EntryPicker({
  id,
  alternative,
  onPick,
}: {
  id: string;
  alternative: AlternativeForm;
  onPick: (offenseId: string, citation: string, entryName: string) => void;
}) {
  const suggestions = useEntrySuggestions(alternative.offenseId ? '' : alternative.citation, alternative.jurisdiction);
  if (alternative.offenseId) {
    return (
      <p id={id} className={`small ${styles.picked}`}>
        Entry: {alternative.entryName || alternative.citation}
      </p>
    );
  }
  const items = suggestions.data?.items ?? [];
  if (items.length === 0) return <span id={id} hidden />;
  return (
    <div id={id} className={styles.suggestions}>
      <span className="small">Pick the entry:</span>
      <ul>
        {items.map((entry) => {
          const name = `${entry.data.statutes.join(', ')} — ${entry.data.offenseName}`;
          return (
            <li key={entry.id}>
              <button
                type="button"
                className="button link small"
                onClick={() => onPick(entry.id, entry.data.statutes[0] ?? alternative.citation, name)}
              >
                {name}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Inputs that take whole days or amounts: the phone shows its number pad. */
const numeric = { inputMode: 'numeric' as const, pattern: '[0-9]*' };

/**
 * One form, fast to fill on a phone: the client, prior convictions, and up to three plea
 * alternatives (a new one starts as a copy of the last, so "365 vs 364 days" is one edit).
 */
export function AnalysisFormView({
  form,
  onChange,
  onSubmit,
  busy,
}: {
  form: AnalysisForm;
  onChange: (form: AnalysisForm) => void;
  onSubmit: () => void;
  busy: boolean;
}) {
  const setClient = (patch: Partial<AnalysisForm['client']>) =>
    onChange({ ...form, client: { ...form.client, ...patch } });
  const setPrior = (i: number, patch: Partial<PriorForm>) =>
    onChange({ ...form, priors: form.priors.map((p, k) => (k === i ? { ...p, ...patch } : p)) });
  const setAlternative = (i: number, patch: Partial<AlternativeForm>) =>
    onChange({ ...form, alternatives: form.alternatives.map((a, k) => (k === i ? { ...a, ...patch } : a)) });
  const addAlternative = () => {
    const last = form.alternatives.at(-1);
    const label = nextLabel(form.alternatives);
    onChange({ ...form, alternatives: [...form.alternatives, last ? { ...last, label } : emptyAlternative(label)] });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Plea analysis">
      <fieldset className={styles.fieldset}>
        <legend>Client</legend>
        <div className={styles.row}>
          <label className="field" htmlFor="client-status">
            <span>Immigration status</span>
            <select
              id="client-status"
              value={form.client.status}
              onChange={(e) => setClient({ status: e.target.value as AnalysisForm['client']['status'] })}
            >
              {CLIENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {CLIENT_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="field" htmlFor="client-admitted">
            <span>Admitted on</span>
            <input
              id="client-admitted"
              type="date"
              value={form.client.admittedOn}
              onChange={(e) => setClient({ admittedOn: e.target.value })}
            />
          </label>
          <label className="field" htmlFor="client-ewi">
            <span>Entered without inspection?</span>
            <select
              id="client-ewi"
              value={form.client.ewi}
              onChange={(e) => setClient({ ewi: e.target.value as AnalysisForm['client']['ewi'] })}
            >
              <option value="">Not known</option>
              <option value="no">No</option>
              <option value="yes">Yes</option>
            </select>
          </label>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Prior convictions</legend>
        {form.priors.length === 0 ? <p className={`${styles.quiet} small`}>None entered.</p> : null}
        {form.priors.map((p, i) => (
          // Priors have no identity but their place in the list.
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
          <div key={i} className={styles.row}>
            <label className="field" htmlFor={`prior-${i}-citation`}>
              <span>Prior {i + 1}: citation</span>
              <input
                id={`prior-${i}-citation`}
                value={p.citation}
                placeholder="PC 484"
                autoCapitalize="characters"
                onChange={(e) => setPrior(i, { citation: e.target.value })}
              />
            </label>
            <label className="field" htmlFor={`prior-${i}-jurisdiction`}>
              <span>Jurisdiction</span>
              <JurisdictionSelect
                id={`prior-${i}-jurisdiction`}
                value={p.jurisdiction}
                onChange={(v) => setPrior(i, { jurisdiction: v })}
              />
            </label>
            <label className="field" htmlFor={`prior-${i}-date`}>
              <span>Convicted on</span>
              <input
                id={`prior-${i}-date`}
                type="date"
                required
                value={p.convictedOn}
                onChange={(e) => setPrior(i, { convictedOn: e.target.value })}
              />
            </label>
            <label className="field" htmlFor={`prior-${i}-days`}>
              <span>Sentence (days)</span>
              <input
                id={`prior-${i}-days`}
                {...numeric}
                value={p.sentenceDays}
                onChange={(e) => setPrior(i, { sentenceDays: e.target.value })}
              />
            </label>
            <button
              type="button"
              className={`button link ${styles.remove}`}
              onClick={() => onChange({ ...form, priors: form.priors.filter((_, k) => k !== i) })}
            >
              Remove prior {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button small"
          onClick={() => onChange({ ...form, priors: [...form.priors, emptyPrior()] })}
        >
          Add a prior conviction
        </button>
      </fieldset>

      {form.alternatives.map((a, i) => (
        <fieldset key={a.label} className={styles.fieldset}>
          <legend>Alternative {a.label}</legend>
          <div className={styles.row}>
            <div className={styles.citationCell}>
              <label className="field" htmlFor={`alt-${i}-citation`}>
                <span>Offense (citation)</span>
                <input
                  id={`alt-${i}-citation`}
                  required
                  value={a.citation}
                  placeholder="PC 273.5"
                  autoCapitalize="characters"
                  autoComplete="off"
                  aria-describedby={`alt-${i}-entry`}
                  // Typing again un-picks the entry: the new text is resolved afresh.
                  onChange={(e) => setAlternative(i, { citation: e.target.value, offenseId: '', entryName: '' })}
                />
              </label>
              <EntryPicker
                id={`alt-${i}-entry`}
                alternative={a}
                onPick={(offenseId, citation, entryName) => setAlternative(i, { offenseId, citation, entryName })}
              />
            </div>
            <label className="field" htmlFor={`alt-${i}-jurisdiction`}>
              <span>Jurisdiction</span>
              <JurisdictionSelect
                id={`alt-${i}-jurisdiction`}
                value={a.jurisdiction}
                onChange={(v) => setAlternative(i, { jurisdiction: v })}
              />
            </label>
            <label className="field" htmlFor={`alt-${i}-stage`}>
              <span>Stage</span>
              <select
                id={`alt-${i}-stage`}
                value={a.stage}
                onChange={(e) => setAlternative(i, { stage: e.target.value as AlternativeForm['stage'] })}
              >
                <option value="convicted">Plea / conviction</option>
                <option value="charged">Charged only</option>
              </select>
            </label>
            <label className="field" htmlFor={`alt-${i}-grade`}>
              <span>Grade pleaded</span>
              <select
                id={`alt-${i}-grade`}
                value={a.grade}
                onChange={(e) => setAlternative(i, { grade: e.target.value as AlternativeForm['grade'] })}
              >
                <option value="">As the entry says</option>
                <option value="felony">Felony</option>
                <option value="misdemeanor">Misdemeanor</option>
                <option value="infraction">Infraction</option>
              </select>
            </label>
            <label className="field" htmlFor={`alt-${i}-days`}>
              <span>Sentence imposed (days, with suspended)</span>
              <input
                id={`alt-${i}-days`}
                {...numeric}
                value={a.sentenceDays}
                onChange={(e) => setAlternative(i, { sentenceDays: e.target.value })}
              />
            </label>
            <label className="field" htmlFor={`alt-${i}-date`}>
              <span>Offense date</span>
              <input
                id={`alt-${i}-date`}
                type="date"
                value={a.offenseDate}
                onChange={(e) => setAlternative(i, { offenseDate: e.target.value })}
              />
            </label>
          </div>
          <details className={styles.more}>
            <summary>Loss, drug, maximum sentence</summary>
            <div className={styles.row}>
              <label className="field" htmlFor={`alt-${i}-loss`}>
                <span>Loss to the victim ($)</span>
                <input
                  id={`alt-${i}-loss`}
                  inputMode="decimal"
                  value={a.lossAmount}
                  onChange={(e) => setAlternative(i, { lossAmount: e.target.value })}
                />
              </label>
              <label className="field" htmlFor={`alt-${i}-drug`}>
                <span>Drug</span>
                <input
                  id={`alt-${i}-drug`}
                  value={a.drug}
                  placeholder="marijuana"
                  onChange={(e) => setAlternative(i, { drug: e.target.value })}
                />
              </label>
              <label className="field" htmlFor={`alt-${i}-grams`}>
                <span>Quantity (grams)</span>
                <input
                  id={`alt-${i}-grams`}
                  inputMode="decimal"
                  value={a.quantityGrams}
                  onChange={(e) => setAlternative(i, { quantityGrams: e.target.value })}
                />
              </label>
              <label className="field" htmlFor={`alt-${i}-max`}>
                <span>Maximum sentence (days, if not the entry’s)</span>
                <input
                  id={`alt-${i}-max`}
                  {...numeric}
                  value={a.maxSentenceDays}
                  onChange={(e) => setAlternative(i, { maxSentenceDays: e.target.value })}
                />
              </label>
            </div>
          </details>
          {form.alternatives.length > 1 ? (
            <button
              type="button"
              className={`button link ${styles.remove}`}
              onClick={() => onChange({ ...form, alternatives: form.alternatives.filter((_, k) => k !== i) })}
            >
              Remove alternative {a.label}
            </button>
          ) : null}
        </fieldset>
      ))}

      <div className={styles.actions}>
        {form.alternatives.length < MAX_ALTERNATIVES ? (
          <button type="button" className="button" onClick={addAlternative}>
            Compare another plea
          </button>
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Analyzing…' : 'Analyze'}
        </button>
      </div>
    </form>
  );
}
