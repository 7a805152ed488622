import type {
  AlternativeStage,
  AnalysisAlternative,
  AnalysisClient,
  AnalysisPrior,
  Assessment,
  ClientStatus,
  ConsequenceColumn,
  FindingOutcome,
  OffenseEntryData,
} from '@kb/contracts';

/** An offense entry's published revision, as the caller resolved a citation or id to it. */
export interface ResolvedEntry {
  id: string;
  revisionId: string;
  revisionNumber: number;
  lastReviewedAt: string | null;
  data: OffenseEntryData;
}

/** Whether the client has been admitted: § 237 (deportability) reaches only the admitted. */
export type Admission = 'admitted' | 'not_admitted' | 'unknown';

export interface ClientFacts {
  status: ClientStatus;
  admittedOn: string | null;
  enteredWithoutInspection: boolean | null;
  admission: Admission;
}

/** The offense of one alternative with the plea's facts filled in. */
export interface OffenseFacts {
  entry: ResolvedEntry;
  data: OffenseEntryData;
  citation: string;
  stage: AlternativeStage;
  /** Imposed, counting suspended time (INA § 101(a)(48)(B)); null when not given. */
  sentenceDays: number | null;
  offenseDate: string | null;
  /** Maximum possible sentence; null when it depends on a grade not given or is not fixed. */
  maxSentenceDays: number | null;
  /** The plea's grade: the input, or the entry's unless the entry is a wobbler. */
  grade: 'felony' | 'misdemeanor' | 'infraction' | null;
  lossAmount: number | null;
  drug: string | null;
  quantityGrams: number | null;
}

export interface PriorFacts {
  citation: string;
  convictedOn: string;
  sentenceDays: number | null;
  /** null: a free citation the library has no entry for, so its classification is unknown. */
  entry: ResolvedEntry | null;
}

export interface Case {
  client: ClientFacts;
  offense: OffenseFacts;
  priors: PriorFacts[];
  today: string;
}

/** A rule's answer before it becomes a finding. */
export interface Verdict {
  outcome: FindingOutcome;
  reason: string;
  whatWouldChange: string;
  authorities?: string[];
}

/** California misdemeanors carry at most 364 days (Cal. Penal Code § 18.5), so a wobbler pleaded as one does too. */
const MISDEMEANOR_MAX_DAYS: Record<string, { days: number; authority: string }> = {
  'us-ca': { days: 364, authority: 'Cal. Penal Code § 18.5' },
};

export const misdemeanorMaximum = (jurisdiction: string) => MISDEMEANOR_MAX_DAYS[jurisdiction] ?? null;

// Statuses that are an admission in themselves: a nonimmigrant and a refugee are admitted
// (INA § 207(c); Matter of D-K-, 25 I&N Dec. 761 (BIA 2012)), an LPR was admitted or adjusted.
const ADMITTED_STATUSES: ReadonlySet<ClientStatus> = new Set(['lpr', 'refugee', 'nonimmigrant']);

export function clientFacts(client: AnalysisClient): ClientFacts {
  const admittedOn = client.admittedOn ?? null;
  const ewi = client.enteredWithoutInspection ?? null;
  let admission: Admission;
  if (ADMITTED_STATUSES.has(client.status)) admission = 'admitted';
  // Asylum, DACA and TPS are not admissions (Sanchez v. Mayorkas, 593 U.S. 409 (2021) for TPS):
  // such a client was admitted only if they came in through inspection.
  else if (admittedOn && ewi !== true) admission = 'admitted';
  else if (ewi === true) admission = 'not_admitted';
  else admission = 'unknown';
  return { status: client.status, admittedOn, enteredWithoutInspection: ewi, admission };
}

export function offenseFacts(alternative: AnalysisAlternative, entry: ResolvedEntry): OffenseFacts {
  const data = entry.data;
  const grade = alternative.grade ?? (data.grade === 'wobbler' ? null : data.grade);
  let maxSentenceDays: number | null = alternative.maxSentenceDays ?? null;
  if (maxSentenceDays === null) {
    if (data.grade !== 'wobbler') maxSentenceDays = data.maxSentenceDays;
    else if (grade === 'felony') maxSentenceDays = data.maxSentenceDays;
    else if (grade === 'misdemeanor') maxSentenceDays = misdemeanorMaximum(data.jurisdiction)?.days ?? null;
    else if (grade === 'infraction') maxSentenceDays = 0;
  }
  return {
    entry,
    data,
    citation: alternative.citation ?? data.statutes[0] ?? data.offenseName,
    stage: alternative.stage,
    sentenceDays: alternative.sentenceDays ?? null,
    offenseDate: alternative.offenseDate ?? null,
    maxSentenceDays,
    grade,
    lossAmount: alternative.lossAmount ?? null,
    drug: alternative.drug?.trim() || null,
    quantityGrams: alternative.quantityGrams ?? null,
  };
}

export function priorFacts(prior: AnalysisPrior, entry: ResolvedEntry | null): PriorFacts {
  return {
    citation: prior.citation ?? entry?.data.statutes[0] ?? 'a prior conviction',
    convictedOn: prior.convictedOn,
    sentenceDays: prior.sentenceDays ?? null,
    entry,
  };
}

/** The entry's assessment of a column; a missing column is analyzed as `unclear`. */
export function assessmentOf(data: OffenseEntryData, column: ConsequenceColumn): Assessment {
  return (
    data.assessments[column] ?? {
      outcome: 'unclear',
      summary: 'The entry has no assessment for this consequence.',
      authorities: [],
    }
  );
}

export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February plus a year is 28 February, not 1 March.
  if (shifted.getUTCMonth() !== m - 1) shifted.setUTCDate(0);
  return shifted.toISOString().slice(0, 10);
}

export const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

export const describeSentence = (n: number) => `${days(n)} (counting any suspended time, INA § 101(a)(48)(B))`;

export const isMarijuana = (drug: string | null) => drug !== null && /marij|marih|cannabis/i.test(drug);

/** "Cal. Penal Code § 273.5(a) (Corporal injury to a spouse …)". */
export const entryName = (data: OffenseEntryData) => `${data.statutes[0] ?? ''} (${data.offenseName})`.trim();

/** Ends a sentence with a period unless it already ends with one (inside a quote or not). */
export const sentence = (text: string) => (/[.!?]["”)]?$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
