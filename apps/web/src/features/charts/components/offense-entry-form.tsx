import {
  ASSESSMENT_OUTCOMES,
  type Assessment,
  type AssessmentCondition,
  type AssessmentOutcome,
  CONSEQUENCE_COLUMN_CODES,
  CONSEQUENCE_COLUMNS,
  type ConsequenceColumn,
  JURISDICTIONS,
  OFFENSE_GRADES,
  type OffenseEntryData,
  OUTCOME_LABELS,
  offenseEntryTitle,
} from '@kb/contracts';
import { LinesField } from '../../../components/ui/lines-field';
import { GRADE_LABELS } from './chart-table';
import styles from './offense-entry-form.module.css';

/** A new entry: everything blank but the lists; the server names what is missing on save. */
const emptyOffenseEntry = (): OffenseEntryData => ({
  jurisdiction: '',
  statutes: [],
  offenseName: '',
  grade: 'misdemeanor',
  maxSentenceDays: null,
  assessments: {},
  saferAlternatives: [],
  practiceNotes: '',
  advisories: [],
});

/** The entry's document title as the API derives it, once it has a statute and a name (a new draft's first save waits for it). */
export const offenseTitle = (data: OffenseEntryData) =>
  data.statutes.length > 0 && data.offenseName.trim() ? offenseEntryTitle(data) : '';

const CHART_JURISDICTIONS = Object.entries(JURISDICTIONS).filter(
  ([code]) => code === 'federal' || code.startsWith('us-'),
);

/** A number that may be empty (empty → undefined / null). */
function NumberField({
  label,
  value,
  onChange,
  min = 0,
  step = 1,
}: {
  label: string;
  value: number | null | undefined;
  onChange: (next: number | null) => void;
  min?: number;
  step?: number;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        inputMode="decimal"
        min={min}
        step={step}
        value={value ?? ''}
        onChange={(e) => {
          const n = e.target.valueAsNumber;
          onChange(e.target.value === '' || Number.isNaN(n) ? null : n);
        }}
      />
    </label>
  );
}

const circuitNoteLines = (a: Assessment) => (a.circuitNotes ?? []).map((n) => `${n.circuit}: ${n.note}`);
const parseCircuitNotes = (lines: string[]) =>
  lines.map((line) => {
    const at = line.indexOf(':');
    return at > 0
      ? { circuit: line.slice(0, at).trim(), note: line.slice(at + 1).trim() || line }
      : { circuit: 'cir-9', note: line };
  });

function withCondition(
  assessment: Assessment,
  key: keyof AssessmentCondition,
  value: number | null,
): Assessment['condition'] {
  const next: AssessmentCondition = { ...(assessment.condition ?? {}) };
  if (value === null) delete next[key];
  else next[key] = value;
  return Object.keys(next).length > 0 ? next : null;
}

function AssessmentFields({
  column,
  assessment,
  onChange,
}: {
  column: ConsequenceColumn;
  assessment: Assessment | undefined;
  onChange: (next: Assessment | undefined) => void;
}) {
  const set = (patch: Partial<Assessment>) =>
    onChange({ outcome: 'unclear', summary: '', authorities: [], ...assessment, ...patch });
  return (
    <fieldset className={styles.assessment}>
      <legend>{CONSEQUENCE_COLUMNS[column]}</legend>
      <div className={styles.row}>
        <label className="field">
          <span>Outcome</span>
          <select
            value={assessment?.outcome ?? ''}
            onChange={(e) =>
              e.target.value ? set({ outcome: e.target.value as AssessmentOutcome }) : onChange(undefined)
            }
          >
            <option value="">Not assessed (shown as unclear)</option>
            {ASSESSMENT_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {OUTCOME_LABELS[outcome]}
              </option>
            ))}
          </select>
        </label>
        {column === 'aggravated_felony' && assessment ? (
          <label className="field">
            <span>INA § 101(a)(43) subparagraphs</span>
            <input
              type="text"
              value={(assessment.subparagraphs ?? []).join(', ')}
              placeholder="e.g. F, U"
              onChange={(e) =>
                set({
                  subparagraphs: [...new Set(e.target.value.toUpperCase().match(/[A-U]/g) ?? [])],
                })
              }
            />
          </label>
        ) : null}
      </div>
      {assessment ? (
        <>
          <label className="field">
            <span>Summary (the chart cell, with its condition in words)</span>
            <textarea
              rows={2}
              value={assessment.summary}
              maxLength={2000}
              onChange={(e) => set({ summary: e.target.value })}
            />
          </label>
          <div className={styles.row}>
            <NumberField
              label="If sentence ≥ (days)"
              value={assessment.condition?.sentenceDaysAtLeast}
              min={1}
              onChange={(v) => set({ condition: withCondition(assessment, 'sentenceDaysAtLeast', v) })}
            />
            <NumberField
              label="If loss over ($)"
              value={assessment.condition?.lossOver}
              onChange={(v) => set({ condition: withCondition(assessment, 'lossOver', v) })}
            />
            <NumberField
              label="If quantity over (g)"
              value={assessment.condition?.quantityGramsOver}
              step={0.1}
              onChange={(v) => set({ condition: withCondition(assessment, 'quantityGramsOver', v) })}
            />
          </div>
          <LinesField
            label="Authorities"
            hint="One citation a line: statutes, cases, BIA decisions."
            value={assessment.authorities}
            onChange={(authorities) => set({ authorities })}
          />
          <LinesField
            label="Circuit notes"
            hint="One a line, circuit code first: “cir-9: The Ninth Circuit holds…”."
            value={circuitNoteLines(assessment)}
            onChange={(lines) => set({ circuitNotes: parseCircuitNotes(lines) })}
          />
        </>
      ) : null}
    </fieldset>
  );
}

/**
 * The structured fields of an offense entry (one chart row), edited in the document editor;
 * the entry's title, body and citations are derived from them when it is saved.
 */
export function OffenseEntryForm({
  value,
  onChange,
  disabled,
}: {
  value: OffenseEntryData | null | undefined;
  onChange: (next: OffenseEntryData) => void;
  disabled?: boolean;
}) {
  const data = value ?? emptyOffenseEntry();
  const set = (patch: Partial<OffenseEntryData>) => onChange({ ...data, ...patch });
  const setAssessment = (column: ConsequenceColumn, assessment: Assessment | undefined) => {
    const assessments = { ...data.assessments };
    if (assessment) assessments[column] = assessment;
    else delete assessments[column];
    set({ assessments });
  };
  return (
    <fieldset className={styles.form} disabled={disabled}>
      <legend className={styles.legend}>Chart row</legend>
      <div className={styles.row}>
        <label className="field">
          <span>Jurisdiction</span>
          <select value={data.jurisdiction} required onChange={(e) => set({ jurisdiction: e.target.value })}>
            <option value="" disabled>
              Choose…
            </option>
            {CHART_JURISDICTIONS.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Grade</span>
          <select value={data.grade} onChange={(e) => set({ grade: e.target.value as OffenseEntryData['grade'] })}>
            {OFFENSE_GRADES.map((grade) => (
              <option key={grade} value={grade}>
                {GRADE_LABELS[grade]}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label="Maximum sentence (days)"
          value={data.maxSentenceDays}
          onChange={(maxSentenceDays) => set({ maxSentenceDays })}
        />
      </div>
      <label className="field">
        <span>Offense name</span>
        <input
          type="text"
          value={data.offenseName}
          maxLength={300}
          required
          placeholder="e.g. Corporal injury to a spouse or cohabitant"
          onChange={(e) => set({ offenseName: e.target.value })}
        />
      </label>
      <LinesField
        label="Statutes"
        hint="One citation a line, subsections distinguished: Cal. Penal Code § 273.5(a). The first names the row."
        value={data.statutes}
        onChange={(statutes) => set({ statutes })}
      />

      <h2 className={styles.heading}>Consequences</h2>
      {CONSEQUENCE_COLUMN_CODES.map((column) => (
        <AssessmentFields
          key={column}
          column={column}
          assessment={data.assessments[column]}
          onChange={(next) => setAssessment(column, next)}
        />
      ))}

      <h2 className={styles.heading}>Safer alternatives</h2>
      {data.saferAlternatives.map((alternative, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their position is their identity
        <fieldset key={i} className={styles.alternative}>
          <legend className="visually-hidden">Safer alternative {i + 1}</legend>
          <label className="field">
            <span>Statute</span>
            <input
              type="text"
              value={alternative.statute}
              onChange={(e) =>
                set({
                  saferAlternatives: data.saferAlternatives.map((a, j) =>
                    j === i ? { ...a, statute: e.target.value } : a,
                  ),
                })
              }
            />
          </label>
          <label className="field">
            <span>Advice</span>
            <textarea
              rows={2}
              value={alternative.advice}
              onChange={(e) =>
                set({
                  saferAlternatives: data.saferAlternatives.map((a, j) =>
                    j === i ? { ...a, advice: e.target.value } : a,
                  ),
                })
              }
            />
          </label>
          <button
            type="button"
            className="button small"
            onClick={() => set({ saferAlternatives: data.saferAlternatives.filter((_, j) => j !== i) })}
          >
            Remove alternative {i + 1}
          </button>
        </fieldset>
      ))}
      {data.saferAlternatives.length < 10 ? (
        <button
          type="button"
          className="button small"
          onClick={() => set({ saferAlternatives: [...data.saferAlternatives, { statute: '', advice: '' }] })}
        >
          Add a safer alternative
        </button>
      ) : null}

      <h2 className={styles.heading}>Notes and links</h2>
      <label className="field">
        <span>Practice notes (Markdown)</span>
        <textarea
          rows={6}
          value={data.practiceNotes}
          maxLength={20000}
          onChange={(e) => set({ practiceNotes: e.target.value })}
        />
      </label>
      <LinesField
        label="Advisories that explain it"
        hint="One a line: a document's slug, or slug#section-anchor."
        value={data.advisories}
        onChange={(advisories) => set({ advisories })}
      />
    </fieldset>
  );
}
