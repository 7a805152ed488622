import type { AnalysisAlternative, AnalysisPrior, AnalysisRequest, ClientStatus } from '@kb/contracts';

/** The form as typed: strings everywhere, so an empty field stays empty (not 0). */
export interface ClientForm {
  status: ClientStatus;
  admittedOn: string;
  /** '' = not known. */
  ewi: '' | 'yes' | 'no';
}
export interface PriorForm {
  citation: string;
  jurisdiction: string;
  convictedOn: string;
  sentenceDays: string;
}
export interface AlternativeForm {
  label: string;
  citation: string;
  /** The entry picked from the suggestions ('' = resolve the typed citation). */
  offenseId: string;
  /** What the picked entry is called, shown beside the field. */
  entryName: string;
  jurisdiction: string;
  stage: 'charged' | 'convicted';
  grade: '' | 'felony' | 'misdemeanor' | 'infraction';
  sentenceDays: string;
  offenseDate: string;
  maxSentenceDays: string;
  lossAmount: string;
  drug: string;
  quantityGrams: string;
}
export interface AnalysisForm {
  client: ClientForm;
  priors: PriorForm[];
  alternatives: AlternativeForm[];
}

export const DEFAULT_JURISDICTION = 'us-ca';

export const emptyAlternative = (label: string): AlternativeForm => ({
  label,
  citation: '',
  offenseId: '',
  entryName: '',
  jurisdiction: DEFAULT_JURISDICTION,
  stage: 'convicted',
  grade: '',
  sentenceDays: '',
  offenseDate: '',
  maxSentenceDays: '',
  lossAmount: '',
  drug: '',
  quantityGrams: '',
});

export const emptyPrior = (): PriorForm => ({
  citation: '',
  jurisdiction: DEFAULT_JURISDICTION,
  convictedOn: '',
  sentenceDays: '',
});

export const emptyForm = (): AnalysisForm => ({
  client: { status: 'lpr', admittedOn: '', ewi: '' },
  priors: [],
  alternatives: [emptyAlternative('A')],
});

/** The next free label: A, B, C. */
export const nextLabel = (alternatives: AlternativeForm[]) =>
  ['A', 'B', 'C', 'D'].find((l) => !alternatives.some((a) => a.label === l)) ?? String(alternatives.length + 1);

const number = (text: string) => (text.trim() === '' ? null : Number(text));
const text = (value: string) => (value.trim() === '' ? null : value.trim());

/** The API request; the server checks the rest and names the field it refuses. */
export function toRequest(form: AnalysisForm): AnalysisRequest {
  return {
    client: {
      status: form.client.status,
      admittedOn: text(form.client.admittedOn),
      enteredWithoutInspection: form.client.ewi === '' ? null : form.client.ewi === 'yes',
    },
    priors: form.priors.map(
      (p): AnalysisPrior => ({
        citation: p.citation.trim(),
        jurisdiction: p.jurisdiction,
        convictedOn: p.convictedOn,
        sentenceDays: number(p.sentenceDays),
      }),
    ),
    alternatives: form.alternatives.map(
      (a): AnalysisAlternative => ({
        label: a.label.trim(),
        citation: a.citation.trim(),
        ...(a.offenseId ? { offenseId: a.offenseId } : {}),
        jurisdiction: a.jurisdiction,
        stage: a.stage,
        grade: a.grade === '' ? null : a.grade,
        sentenceDays: number(a.sentenceDays),
        offenseDate: text(a.offenseDate),
        maxSentenceDays: number(a.maxSentenceDays),
        lossAmount: number(a.lossAmount),
        drug: text(a.drug),
        quantityGrams: number(a.quantityGrams),
      }),
    ),
  };
}

/** A saved request back into the form (to re-run or adjust it). */
export function fromRequest(request: AnalysisRequest): AnalysisForm {
  const s = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    client: {
      status: request.client.status,
      admittedOn: s(request.client.admittedOn),
      ewi:
        request.client.enteredWithoutInspection === true
          ? 'yes'
          : request.client.enteredWithoutInspection === false
            ? 'no'
            : '',
    },
    priors: (request.priors ?? []).map((p) => ({
      citation: p.citation ?? '',
      jurisdiction: p.jurisdiction ?? DEFAULT_JURISDICTION,
      convictedOn: p.convictedOn,
      sentenceDays: s(p.sentenceDays),
    })),
    alternatives: request.alternatives.map((a) => ({
      label: a.label,
      citation: a.citation ?? '',
      offenseId: a.offenseId ?? '',
      entryName: '',
      jurisdiction: a.jurisdiction ?? DEFAULT_JURISDICTION,
      stage: a.stage,
      grade: a.grade ?? '',
      sentenceDays: s(a.sentenceDays),
      offenseDate: s(a.offenseDate),
      maxSentenceDays: s(a.maxSentenceDays),
      lossAmount: s(a.lossAmount),
      drug: a.drug ?? '',
      quantityGrams: s(a.quantityGrams),
    })),
  };
}
