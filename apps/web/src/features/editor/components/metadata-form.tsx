import {
  AUDIENCE_LABELS,
  AUDIENCES,
  DOCUMENT_KINDS,
  type DocumentContent,
  type DocumentKind,
  JURISDICTIONS,
  type TaxonomyTerm,
} from '@kb/contracts';
import { useMemo } from 'react';
import { LinesField } from '../../../components/ui/lines-field';
import { useTaxonomy } from '../../taxonomy';
import { ChipPicker, type PickerOption } from './chip-picker';
import styles from './editor.module.css';

type Update = <K extends keyof DocumentContent>(field: K, value: DocumentContent[K]) => void;

function termOptions(terms: TaxonomyTerm[]): PickerOption[] {
  const labels = new Map(terms.map((t) => [t.code, t.label]));
  return terms.map((t) => ({
    value: t.code,
    label: t.label,
    context: t.parentCode ? `under ${labels.get(t.parentCode) ?? t.parentCode}` : undefined,
    keywords: [t.code, ...t.synonyms],
  }));
}

const JURISDICTION_OPTIONS: PickerOption[] = Object.entries(JURISDICTIONS).map(([code, name]) => ({
  value: code,
  label: name,
  keywords: [code, code.replace(/^us-/, ''), code.replace(/^cir-/, '')],
}));

/** Everything about a document but its body: the fields of the reader's header and the facets. */
export function MetadataForm({
  content,
  update,
  disabled,
}: {
  content: DocumentContent;
  update: Update;
  disabled?: boolean;
}) {
  const taxonomy = useTaxonomy();
  const offenseOptions = useMemo(() => termOptions(taxonomy.data?.offenseTypes ?? []), [taxonomy.data]);
  const consequenceOptions = useMemo(() => termOptions(taxonomy.data?.consequences ?? []), [taxonomy.data]);

  const entry = content.kind === 'offense_entry';
  return (
    <fieldset className={styles.metadata} disabled={disabled}>
      <legend className="visually-hidden">Document details</legend>
      <label className="field">
        <span>Kind</span>
        <select value={content.kind} onChange={(e) => update('kind', e.target.value as DocumentKind)}>
          {Object.entries(DOCUMENT_KINDS).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Audience</span>
        <select
          value={content.audience}
          onChange={(e) => update('audience', e.target.value as DocumentContent['audience'])}
        >
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {AUDIENCE_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Publisher</span>
        {/* The owning organization publishes it: set by the server, not typed. */}
        <input
          type="text"
          value={content.publisher || 'Your organization'}
          readOnly
          aria-describedby="publisher-hint"
        />
        <small id="publisher-hint" className="muted">
          Documents are published under their organization’s name.
        </small>
      </label>
      <LinesField
        label="Authors"
        hint="One per line."
        value={content.authors}
        onChange={(v) => update('authors', v)}
        rows={2}
      />
      <div className={styles.metadataRow}>
        <label className="field">
          <span>Date</span>
          <input
            type="date"
            value={content.documentDate ?? ''}
            onChange={(e) => update('documentDate', e.target.value || null)}
          />
        </label>
        <label className="field">
          <span>Last reviewed</span>
          <input
            type="date"
            value={content.lastReviewedAt ?? ''}
            onChange={(e) => update('lastReviewedAt', e.target.value || null)}
          />
        </label>
      </div>
      {/* A chart row's jurisdiction and citations come from the row itself (set on save). */}
      {entry ? null : (
        <ChipPicker
          label="Jurisdictions"
          options={JURISDICTION_OPTIONS}
          value={content.jurisdictions}
          onChange={(v) => update('jurisdictions', v)}
          placeholder="Federal, a circuit or a state"
          disabled={disabled}
        />
      )}
      <ChipPicker
        label="Offense types"
        options={offenseOptions}
        value={content.offenseTypes}
        onChange={(v) => update('offenseTypes', v)}
        disabled={disabled}
      />
      <ChipPicker
        label="Consequences"
        options={consequenceOptions}
        value={content.consequences}
        onChange={(v) => update('consequences', v)}
        placeholder="e.g. CIMT, aggravated felony, 237(a)(2)"
        disabled={disabled}
      />
      {entry ? null : (
        <LinesField
          label="Citations"
          hint="Statutes and cases it cites, one per line (e.g. Cal. Penal Code § 273.5)."
          value={content.citations}
          onChange={(v) => update('citations', v)}
          rows={4}
        />
      )}
    </fieldset>
  );
}
