import {
  ASSESSMENT_OUTCOMES,
  type Assessment,
  type AssessmentOutcome,
  CHART_CSV_ASSESSMENT_FIELDS,
  CHART_CSV_COLUMNS,
  CONSEQUENCE_COLUMN_CODES,
  type CsvCellError,
  chartCsvColumn,
  normalizeOffense,
  OFFENSE_GRADES,
  type OffenseEntryData,
  OffenseEntryData as OffenseEntryDataSchema,
  type OffenseEntryRow,
  type OffenseGrade,
  offenseEntryProblems,
} from '@kb/contracts';
import { Value } from 'typebox/value';

// ---------------------------------------------------------------------------------------
// Charts as CSV (RFC 4180): the spreadsheet a chart is kept in. Lists inside a cell are one
// item per line (a line break inside the quoted cell); safer alternatives "statute: advice",
// circuit notes "cir-9: note". Statutes and subparagraphs may also be separated by ";".
// ---------------------------------------------------------------------------------------

export interface CsvRecord {
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/** Parses CSV text: quoted cells may hold commas, quotes ("") and line breaks. A BOM is ignored. */
export function parseCsv(text: string): { records: CsvRecord[]; error: CsvCellError | null } {
  const input = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let cellStarted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      cellStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c !== '') || cells.length > 1) records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      cellStarted = false;
      line++;
      recordLine = line;
    } else {
      cell += ch;
      cellStarted = true;
    }
  }
  if (quoted) return { records, error: { line: recordLine, column: '', message: 'A quoted cell is never closed.' } };
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    if (cells.some((c) => c !== '') || cells.length > 1) records.push({ line: recordLine, cells });
  }
  return { records, error: null };
}

// A spreadsheet would run a cell starting with these as a formula: written with a leading
// apostrophe, which import removes again.
const FORMULA_START = /^[=+\-@\t\r]/;

const escapeCell = (value: string) => {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const unescapeCell = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

export const formatCsv = (rows: string[][]) => `${rows.map((r) => r.map(escapeCell).join(',')).join('\r\n')}\r\n`;

const lines = (items: string[]) => items.join('\n');
const numberCell = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** One chart row as CSV cells, in CHART_CSV_COLUMNS order. */
export function entryToCells(row: OffenseEntryRow): string[] {
  const d = row.data;
  const values: Record<string, string> = {
    jurisdiction: d.jurisdiction,
    statutes: lines(d.statutes),
    offense_name: d.offenseName,
    grade: d.grade,
    max_sentence_days: numberCell(d.maxSentenceDays),
    safer_alternatives: lines(d.saferAlternatives.map((a) => `${a.statute}: ${a.advice}`)),
    practice_notes: d.practiceNotes,
    advisories: lines(d.advisories),
    last_reviewed_at: row.lastReviewedAt ?? '',
    revision_number: String(row.revisionNumber),
  };
  for (const column of CONSEQUENCE_COLUMN_CODES) {
    const a = d.assessments[column];
    if (!a) continue;
    values[chartCsvColumn(column, 'outcome')] = a.outcome;
    values[chartCsvColumn(column, 'summary')] = a.summary;
    values[chartCsvColumn(column, 'subparagraphs')] = (a.subparagraphs ?? []).join('; ');
    values[chartCsvColumn(column, 'sentence_days_at_least')] = numberCell(a.condition?.sentenceDaysAtLeast);
    values[chartCsvColumn(column, 'loss_over')] = numberCell(a.condition?.lossOver);
    values[chartCsvColumn(column, 'quantity_grams_over')] = numberCell(a.condition?.quantityGramsOver);
    values[chartCsvColumn(column, 'circuit_notes')] = lines(
      (a.circuitNotes ?? []).map((n) => `${n.circuit}: ${n.note}`),
    );
    values[chartCsvColumn(column, 'authorities')] = lines(a.authorities);
  }
  return CHART_CSV_COLUMNS.map((c) => values[c] ?? '');
}

export const chartCsv = (rows: OffenseEntryRow[]) => formatCsv([CHART_CSV_COLUMNS, ...rows.map(entryToCells)]);

export interface ParsedChartRow {
  line: number;
  data: OffenseEntryData;
  lastReviewedAt: string | null;
}

const REQUIRED = new Set<string>(['jurisdiction', 'statutes', 'offense_name', 'grade']);
const KNOWN = new Set(CHART_CSV_COLUMNS);
const MAX_ERRORS = 200;
const MAX_ROWS = 5_000;

const splitLines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
const splitList = (value: string) =>
  value
    .split(/\r?\n|;/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Maps a field path of a row (`assessments.cimt.summary`) to the CSV column it came from. */
function columnOfField(field: string): string {
  const parts = field.replace(/^\//, '').split(/[./]/);
  if (parts[0] === 'assessments' && parts[1]) {
    const sub = parts[2];
    const f =
      sub === 'condition'
        ? ({
            sentenceDaysAtLeast: 'sentence_days_at_least',
            lossOver: 'loss_over',
            quantityGramsOver: 'quantity_grams_over',
          }[parts[3] ?? ''] ?? 'sentence_days_at_least')
        : sub === 'circuitNotes'
          ? 'circuit_notes'
          : (sub ?? 'outcome');
    return `${parts[1]}_${f}`;
  }
  return (
    {
      jurisdiction: 'jurisdiction',
      statutes: 'statutes',
      offenseName: 'offense_name',
      grade: 'grade',
      maxSentenceDays: 'max_sentence_days',
      saferAlternatives: 'safer_alternatives',
      practiceNotes: 'practice_notes',
      advisories: 'advisories',
    }[parts[0] ?? ''] ??
    parts[0] ??
    ''
  );
}

/**
 * Reads and checks every cell of a chart CSV. Returns the rows, or every problem found (line
 * and column named): a file with one bad cell is refused whole.
 */
export function parseChartCsv(text: string): { rows: ParsedChartRow[]; errors: CsvCellError[] } {
  const { records, error } = parseCsv(text);
  if (error) return { rows: [], errors: [error] };
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, column: '', message: 'The file is empty.' }] };
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const errors: CsvCellError[] = [];
  for (const name of names) {
    if (!KNOWN.has(name)) errors.push({ line: header.line, column: name, message: `Unknown column "${name}".` });
  }
  for (const required of REQUIRED) {
    if (!names.includes(required))
      errors.push({ line: header.line, column: required, message: 'Required column missing.' });
  }
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  for (const name of new Set(duplicates))
    errors.push({ line: header.line, column: name, message: 'Column appears twice.' });
  if (body.length === 0) errors.push({ line: header.line, column: '', message: 'The file has no rows.' });
  if (body.length > MAX_ROWS)
    errors.push({ line: header.line, column: '', message: `At most ${MAX_ROWS} rows per file.` });
  if (errors.length > 0) return { rows: [], errors };

  const rows: ParsedChartRow[] = [];
  for (const record of body) {
    if (errors.length >= MAX_ERRORS) break;
    const rowErrors: CsvCellError[] = [];
    const fail = (column: string, message: string) => rowErrors.push({ line: record.line, column, message });
    if (record.cells.length > names.length) fail('', `${record.cells.length} cells, the header has ${names.length}.`);
    const cell = (name: string) => {
      const i = names.indexOf(name);
      return i < 0 ? '' : unescapeCell((record.cells[i] ?? '').trim());
    };
    const integer = (name: string, min: number, max: number): number | null => {
      const value = cell(name);
      if (value === '') return null;
      if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        fail(name, `"${value.slice(0, 40)}" is not a whole number from ${min} to ${max}.`);
        return null;
      }
      return Number(value);
    };
    const amount = (name: string): number | undefined => {
      const value = cell(name).replace(/^\$/, '').replace(/,/g, '');
      if (value === '') return undefined;
      if (!/^\d+(\.\d+)?$/.test(value)) {
        fail(name, `"${cell(name).slice(0, 40)}" is not a number.`);
        return undefined;
      }
      return Number(value);
    };

    const grade = cell('grade').toLowerCase();
    if (!OFFENSE_GRADES.includes(grade as OffenseGrade))
      fail('grade', `"${grade}" is not one of ${OFFENSE_GRADES.join(', ')}.`);
    const statutes = splitList(cell('statutes'));
    if (statutes.length === 0) fail('statutes', 'At least one statute is required.');
    if (!cell('offense_name')) fail('offense_name', 'The offense name is required.');
    if (!cell('jurisdiction')) fail('jurisdiction', 'The jurisdiction is required.');

    const assessments: OffenseEntryData['assessments'] = {};
    for (const column of CONSEQUENCE_COLUMN_CODES) {
      const name = (f: (typeof CHART_CSV_ASSESSMENT_FIELDS)[number]) => chartCsvColumn(column, f);
      const outcome = cell(name('outcome')).toLowerCase();
      if (!outcome) {
        const stray = CHART_CSV_ASSESSMENT_FIELDS.find((f) => f !== 'outcome' && cell(name(f)) !== '');
        if (stray) fail(name(stray), `Filled in, but ${name('outcome')} is empty.`);
        continue;
      }
      if (!ASSESSMENT_OUTCOMES.includes(outcome as AssessmentOutcome)) {
        fail(name('outcome'), `"${outcome.slice(0, 40)}" is not one of ${ASSESSMENT_OUTCOMES.join(', ')}.`);
        continue;
      }
      const days = integer(name('sentence_days_at_least'), 1, 36500);
      const loss = amount(name('loss_over'));
      const grams = amount(name('quantity_grams_over'));
      const condition = {
        ...(days !== null ? { sentenceDaysAtLeast: days } : {}),
        ...(loss !== undefined ? { lossOver: loss } : {}),
        ...(grams !== undefined ? { quantityGramsOver: grams } : {}),
      };
      const circuitNotes = splitLines(cell(name('circuit_notes'))).map((text) => {
        const match = /^([a-z0-9-]+)\s*:\s*(.+)$/i.exec(text);
        if (!match) fail(name('circuit_notes'), `"${text.slice(0, 40)}" is not "circuit: note" (cir-9: …).`);
        return { circuit: (match?.[1] ?? '').toLowerCase(), note: match?.[2]?.trim() ?? text };
      });
      const subparagraphs = cell(name('subparagraphs'))
        .split(/[\s;,]+/)
        .filter(Boolean)
        .map((s) => s.replace(/[()]/g, '').toUpperCase());
      const assessment: Assessment = {
        outcome: outcome as AssessmentOutcome,
        summary: cell(name('summary')),
        ...(subparagraphs.length ? { subparagraphs } : {}),
        ...(Object.keys(condition).length ? { condition } : {}),
        ...(circuitNotes.length ? { circuitNotes } : {}),
        authorities: splitLines(cell(name('authorities'))),
      };
      assessments[column] = assessment;
    }

    const saferAlternatives = splitLines(cell('safer_alternatives')).map((text) => {
      const at = text.indexOf(': ');
      if (at <= 0) fail('safer_alternatives', `"${text.slice(0, 40)}" is not "statute: advice".`);
      return {
        statute: text.slice(0, Math.max(at, 0)).trim() || text,
        advice: at > 0 ? text.slice(at + 2).trim() : text,
      };
    });
    const lastReviewedAt = cell('last_reviewed_at') || null;
    if (lastReviewedAt && (!/^\d{4}-\d{2}-\d{2}$/.test(lastReviewedAt) || Number.isNaN(Date.parse(lastReviewedAt)))) {
      fail('last_reviewed_at', `"${lastReviewedAt.slice(0, 40)}" is not a date (YYYY-MM-DD).`);
    }
    const data: OffenseEntryData = {
      jurisdiction: cell('jurisdiction').toLowerCase(),
      statutes,
      offenseName: cell('offense_name'),
      grade: grade as OffenseGrade,
      maxSentenceDays: integer('max_sentence_days', 0, 36500),
      assessments,
      saferAlternatives,
      practiceNotes: cell('practice_notes'),
      advisories: splitLines(cell('advisories')),
    };
    if (rowErrors.length === 0) {
      // The schema's limits (lengths, counts) and the row's own rules, named by column.
      for (const e of Value.Errors(OffenseEntryDataSchema, data)) {
        fail(columnOfField(e.instancePath), e.message);
        if (rowErrors.length > 5) break;
      }
      for (const p of offenseEntryProblems(data)) fail(columnOfField(p.field), p.message);
    }
    errors.push(...rowErrors);
    if (rowErrors.length === 0) rows.push({ line: record.line, data: normalizeOffense(data), lastReviewedAt });
  }
  return { rows, errors: errors.slice(0, MAX_ERRORS) };
}
