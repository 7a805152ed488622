import type { DocumentContent } from './documents';
import {
  type Assessment,
  CONSEQUENCE_COLUMN_CODES,
  CONSEQUENCE_COLUMNS,
  type ConsequenceColumn,
  type OffenseEntryData,
} from './offenses';
import { JURISDICTIONS } from './vocabulary';

// ---------------------------------------------------------------------------------------
// An offense entry as a document: the document fields derived from the row, so that the
// search index and the PostgreSQL fallback find a row like any document (one section: the
// row as Markdown), and the rules a row must keep beyond its schema.
// ---------------------------------------------------------------------------------------

const CODE_ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\b(?:cal(?:ifornia|\.)?|n\.?\s?y\.?|tex(?:as|\.)?|fla\.?)(?=\s|$)/g, ''],
  [/\bhealth\s*(?:&|and)\s*saf(?:ety|\.)\s*code\b/g, 'hs'],
  [/\bveh(?:icle|\.)\s*code\b/g, 'vc'],
  [/\bpenal\s+code\b/g, 'pc'],
  [/\bpenal\s+law\b/g, 'pl'],
  [/\bstat(?:utes|\.)?(?=\s|$)/g, 'stat'],
  [/\bu\.?\s?s\.?\s?c\.?(?:\s?a\.?)?/g, 'usc'],
  [/\bann\.|§+|\bsections?\b|\bsec\./g, ''],
];

/** The row's key within its chart, from its first statute: "Cal. Penal Code § 273.5(a)" → "pc-273-5-a". */
export function statuteRowKey(statute: string): string {
  let text = statute.toLowerCase();
  for (const [pattern, replacement] of CODE_ABBREVIATIONS) text = text.replace(pattern, replacement);
  return (
    text
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'entry'
  );
}

/**
 * The entry's document slug: `us-ca-pc-273-5-a` (its page is `/charts/us-ca/pc-273-5-a`).
 * Every statute counts, what it shares with the first written once: PC 459 + PC 460(a) →
 * `us-ca-pc-459-460-a`; VC 23152(a) + VC 23152(b) → `us-ca-vc-23152-a-b`.
 */
export function offenseEntrySlug(data: Pick<OffenseEntryData, 'jurisdiction' | 'statutes'>): string {
  const [first = 'entry', ...rest] = data.statutes.map(statuteRowKey);
  const parts = rest.map((key) => {
    let common = 0;
    while (common < key.length && key[common] === first[common]) common++;
    const cut = key.lastIndexOf('-', common - 1) + 1;
    return key.slice(cut) || key;
  });
  return `${data.jurisdiction}-${[first, ...parts].join('-').slice(0, 120)}`;
}

export const offenseEntryTitle = (data: Pick<OffenseEntryData, 'statutes' | 'offenseName'>) =>
  `${data.statutes.join(', ')} — ${data.offenseName}`;

/** "365 days", "1 year", "16 months"… as a chart says a maximum sentence. */
export function formatSentenceDays(days: number | null): string {
  if (days === null) return 'not fixed by the statute';
  if (days === 0) return 'no custody';
  if (days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  if (days < 365) return `${days} days`;
  if (days % 30 === 0) return `${days / 30} months`;
  return `${days} days`;
}

export const OUTCOME_LABELS = { yes: 'Yes', no: 'No', depends: 'Depends', unclear: 'Unclear' } as const;

/** The assessment a chart shows for a column: a missing one reads as `unclear`. */
export const assessmentOf = (data: OffenseEntryData, column: ConsequenceColumn): Assessment =>
  data.assessments[column] ?? { outcome: 'unclear', summary: 'Not assessed.', authorities: [] };

// Headings inside practice notes would split the entry into several sections.
const withoutHeadings = (markdown: string) => markdown.replace(/^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/gm, '**$1**');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The row as Markdown: one heading (the entry is one section), every column, the advice and notes. */
export function offenseEntryMarkdown(data: OffenseEntryData): string {
  const lines = [
    `## ${offenseEntryTitle(data)}`,
    '',
    `**Jurisdiction:** ${JURISDICTIONS[data.jurisdiction] ?? data.jurisdiction} · **Grade:** ${data.grade} · **Maximum sentence:** ${formatSentenceDays(data.maxSentenceDays)}`,
    '',
  ];
  for (const column of CONSEQUENCE_COLUMN_CODES) {
    const assessment = data.assessments[column];
    if (!assessment) continue;
    const subparagraphs = assessment.subparagraphs?.length
      ? ` (INA § 101(a)(43)(${assessment.subparagraphs.join('), (')}))`
      : '';
    lines.push(
      `- **${CONSEQUENCE_COLUMNS[column]}: ${OUTCOME_LABELS[assessment.outcome].toLowerCase()}**${subparagraphs}. ${oneLine(assessment.summary)}`,
    );
    for (const note of assessment.circuitNotes ?? []) {
      lines.push(`  - ${JURISDICTIONS[note.circuit] ?? note.circuit.toUpperCase()}: ${oneLine(note.note)}`);
    }
    if (assessment.authorities.length > 0) lines.push(`  - Authorities: ${assessment.authorities.join('; ')}`);
  }
  if (data.saferAlternatives.length > 0) {
    lines.push('', '**Safer alternatives**', '');
    for (const alternative of data.saferAlternatives) {
      lines.push(`- ${alternative.statute}: ${oneLine(alternative.advice)}`);
    }
  }
  if (data.practiceNotes.trim()) lines.push('', '**Practice notes**', '', withoutHeadings(data.practiceNotes.trim()));
  return `${lines.join('\n')}\n`;
}

/** Everything an entry's statutes and assessments cite, statutes first. */
export function offenseEntryCitations(data: OffenseEntryData): string[] {
  const authorities = CONSEQUENCE_COLUMN_CODES.flatMap((c) => data.assessments[c]?.authorities ?? []);
  return [...new Set([...data.statutes, ...authorities].map((s) => s.trim()).filter(Boolean))];
}

/**
 * A document's content with the fields an entry determines set from its row. Other kinds are
 * returned as they are (with `offense` null).
 */
export function withOffenseFields(content: DocumentContent): DocumentContent {
  const offense = content.offense ? normalizeOffense(content.offense) : null;
  if (content.kind !== 'offense_entry' || !offense) return { ...content, offense };
  return {
    ...content,
    offense,
    title: offenseEntryTitle(offense),
    body: offenseEntryMarkdown(offense),
    citations: offenseEntryCitations(offense),
    jurisdictions: [offense.jurisdiction],
  };
}

/**
 * One way to write a row: strings trimmed, empty optional parts left out, so that the same row
 * from a form, a CSV file or a seed file is the same row (and re-importing it changes nothing).
 */
export function normalizeOffense(data: OffenseEntryData): OffenseEntryData {
  const assessments: OffenseEntryData['assessments'] = {};
  for (const column of CONSEQUENCE_COLUMN_CODES) {
    const a = data.assessments[column];
    if (!a) continue;
    const condition = a.condition
      ? Object.fromEntries(Object.entries(a.condition).filter(([, v]) => v !== undefined && v !== null))
      : null;
    assessments[column] = {
      outcome: a.outcome,
      summary: a.summary.trim(),
      ...(a.subparagraphs?.length ? { subparagraphs: [...a.subparagraphs] } : {}),
      ...(condition && Object.keys(condition).length > 0 ? { condition } : {}),
      ...(a.circuitNotes?.length
        ? { circuitNotes: a.circuitNotes.map((n) => ({ circuit: n.circuit.trim(), note: n.note.trim() })) }
        : {}),
      authorities: a.authorities.map((s) => s.trim()).filter(Boolean),
    };
  }
  return {
    jurisdiction: data.jurisdiction.trim(),
    statutes: data.statutes.map((s) => s.trim()),
    offenseName: data.offenseName.trim(),
    grade: data.grade,
    maxSentenceDays: data.maxSentenceDays,
    assessments,
    saferAlternatives: data.saferAlternatives.map((a) => ({ statute: a.statute.trim(), advice: a.advice.trim() })),
    practiceNotes: data.practiceNotes.trim(),
    advisories: data.advisories.map((s) => s.trim()).filter(Boolean),
  };
}

const CIRCUIT = /^(cir-([1-9]|1[01]|dc)|bia)$/;
const CHART_JURISDICTION = /^(federal|us-[a-z]{2})$/;

/** What is wrong with a row beyond its schema, by field; empty when it can be saved. */
export function offenseEntryProblems(data: OffenseEntryData): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!CHART_JURISDICTION.test(data.jurisdiction) || !JURISDICTIONS[data.jurisdiction]) {
    problems.push({ field: 'jurisdiction', message: `"${data.jurisdiction}" is not a state code (us-ca) or federal.` });
  }
  const statutes = data.statutes.map((s) => s.trim());
  if (statutes.some((s) => !s)) problems.push({ field: 'statutes', message: 'A statute cannot be blank.' });
  if (new Set(statutes.map((s) => s.toLowerCase())).size !== statutes.length) {
    problems.push({ field: 'statutes', message: 'A statute is listed twice.' });
  }
  if (!data.offenseName.trim()) problems.push({ field: 'offenseName', message: 'The offense name cannot be blank.' });
  for (const column of CONSEQUENCE_COLUMN_CODES) {
    const assessment = data.assessments[column];
    if (!assessment) continue;
    const field = `assessments.${column}`;
    if (assessment.outcome === 'depends' && !assessment.summary.trim()) {
      problems.push({ field: `${field}.summary`, message: '"Depends" needs the condition it depends on.' });
    }
    if (assessment.subparagraphs?.length && column !== 'aggravated_felony') {
      problems.push({
        field: `${field}.subparagraphs`,
        message: 'Subparagraphs belong to the aggravated felony column.',
      });
    }
    for (const note of assessment.circuitNotes ?? []) {
      if (!CIRCUIT.test(note.circuit)) {
        problems.push({
          field: `${field}.circuitNotes`,
          message: `"${note.circuit}" is not a circuit (cir-9, cir-dc, bia).`,
        });
      }
    }
  }
  return problems;
}
