import { type Static, Type } from 'typebox';
import { DateOnly, Nullable, StringEnum, Uuid } from './common';

/**
 * An optional input that may also be null. Null comes first in the union: the API's validator
 * coerces types, and with the value's type first it would turn null into 0 or "" (a maximum
 * sentence of 0 days) instead of keeping "not given".
 */
const NullableInput = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Optional(Type.Union([Type.Null(), schema]));

// ---------------------------------------------------------------------------------------
// Plea consequence analysis: a client's status and history plus up to three plea
// alternatives, resolved against the offense entries and the statutory rules into one
// finding per ground. "depends" and "unknown" are answers, never a silent "safe".
// ---------------------------------------------------------------------------------------

export const CLIENT_STATUSES = [
  'lpr',
  'refugee',
  'asylee',
  'nonimmigrant',
  'daca',
  'tps',
  'undocumented',
  'unknown',
] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

export const CLIENT_STATUS_LABELS: Record<ClientStatus, string> = {
  lpr: 'Lawful permanent resident',
  refugee: 'Refugee',
  asylee: 'Asylee',
  nonimmigrant: 'Nonimmigrant (visa holder)',
  daca: 'DACA recipient',
  tps: 'TPS holder',
  undocumented: 'Undocumented',
  unknown: 'Unknown',
};

export const ALTERNATIVE_STAGES = ['charged', 'convicted'] as const;
export type AlternativeStage = (typeof ALTERNATIVE_STAGES)[number];

/** The grade a plea is entered at (a wobbler is pleaded as one or the other). */
export const PLEA_GRADES = ['felony', 'misdemeanor', 'infraction'] as const;

export const MAX_ALTERNATIVES = 3;
export const MAX_PRIORS = 20;

const Days = Type.Integer({ minimum: 0, maximum: 36500 });
const Citation = Type.String({ minLength: 1, maxLength: 300 });
const JurisdictionCode = Type.String({ minLength: 1, maxLength: 20, pattern: '^[a-z0-9-]+$' });

export const AnalysisClient = Type.Object(
  {
    status: StringEnum(CLIENT_STATUSES),
    /** Date of the admission by virtue of which the client is here (Matter of Alyazji); none if never admitted. */
    admittedOn: NullableInput(DateOnly),
    /** null or absent: not known. */
    enteredWithoutInspection: NullableInput(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AnalysisClient = Static<typeof AnalysisClient>;

/**
 * A prior conviction: an offense entry (`offenseId`, or `citation` + `jurisdiction`) or a free
 * citation that matches no entry (then its classification is unknown and the findings say so).
 */
export const AnalysisPrior = Type.Object(
  {
    citation: Type.Optional(Citation),
    jurisdiction: Type.Optional(JurisdictionCode),
    offenseId: Type.Optional(Uuid),
    convictedOn: DateOnly,
    /** Sentence imposed in days, counting suspended time (INA § 101(a)(48)(B)). */
    sentenceDays: NullableInput(Days),
  },
  { additionalProperties: false },
);
export type AnalysisPrior = Static<typeof AnalysisPrior>;

/** One plea alternative: an offense entry (`offenseId`, or `citation` + `jurisdiction`) and the facts of the plea. */
export const AnalysisAlternative = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
    citation: Type.Optional(Citation),
    jurisdiction: Type.Optional(JurisdictionCode),
    offenseId: Type.Optional(Uuid),
    stage: StringEnum(ALTERNATIVE_STAGES),
    /** Sentence imposed in days, counting suspended time (INA § 101(a)(48)(B)). */
    sentenceDays: NullableInput(Days),
    offenseDate: NullableInput(DateOnly),
    /** Overrides the entry's maximum possible sentence. */
    maxSentenceDays: NullableInput(Days),
    /** Loss to the victim in dollars (fraud: INA § 101(a)(43)(M)(i)). */
    lossAmount: NullableInput(Type.Number({ minimum: 0, maximum: 1e12 })),
    drug: NullableInput(Type.String({ maxLength: 100 })),
    quantityGrams: NullableInput(Type.Number({ minimum: 0, maximum: 1e9 })),
    /** The grade the plea is entered at (decides a wobbler). */
    grade: NullableInput(StringEnum(PLEA_GRADES)),
  },
  { additionalProperties: false },
);
export type AnalysisAlternative = Static<typeof AnalysisAlternative>;

export const AnalysisRequest = Type.Object(
  {
    client: AnalysisClient,
    priors: Type.Array(AnalysisPrior, { maxItems: MAX_PRIORS, default: [] }),
    alternatives: Type.Array(AnalysisAlternative, { minItems: 1, maxItems: MAX_ALTERNATIVES }),
  },
  { additionalProperties: false },
);
export type AnalysisRequest = Static<typeof AnalysisRequest>;

export const FINDING_OUTCOMES = ['yes', 'no', 'depends', 'unknown'] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];

/** The grounds every alternative is analyzed for, in the order the answer lists them. */
export const FINDING_GROUNDS = {
  aggravated_felony: 'Aggravated felony',
  cimt_deportable: 'CIMT: deportable',
  cimt_inadmissible: 'CIMT: inadmissible',
  petty_offense_exception: 'Petty offense exception',
  controlled_substance_deportable: 'Controlled substance: deportable',
  controlled_substance_inadmissible: 'Controlled substance: inadmissible',
  domestic_violence_deportable: 'Domestic violence / child abuse: deportable',
  firearm_deportable: 'Firearm: deportable',
  mandatory_detention: 'Mandatory detention',
  daca_bar: 'DACA bar',
  tps_bar: 'TPS bar',
  lpr_cancellation_bar: 'Bar to LPR cancellation',
  asylum_bar: 'Bar to asylum',
} as const;
export type FindingGround = keyof typeof FINDING_GROUNDS;
export const FINDING_GROUND_CODES = Object.keys(FINDING_GROUNDS) as FindingGround[];

/** Grounds where "yes" helps the client (an exception that applies), so a difference reads the other way. */
export const FAVORABLE_GROUNDS: readonly FindingGround[] = ['petty_offense_exception'];

export const Finding = Type.Object({
  ground: StringEnum(FINDING_GROUND_CODES),
  outcome: StringEnum(FINDING_OUTCOMES),
  /** Why, for this client: the facts and the entry's assessment the outcome rests on. */
  reason: Type.String(),
  /** The statute (or regulation) the rule applies: "INA § 237(a)(2)(A)(ii)". */
  rule: Type.String(),
  authorities: Type.Array(Type.String()),
  /** What fact or plea would change the outcome (or decide a "depends"). */
  whatWouldChange: Type.String(),
});
export type Finding = Static<typeof Finding>;

/** The entry revision an analysis was made from: the memo cites it. */
export const AnalyzedEntry = Type.Object({
  id: Uuid,
  revisionId: Uuid,
  revisionNumber: Type.Integer(),
  lastReviewedAt: Nullable(Type.String()),
  jurisdiction: Type.String(),
  statutes: Type.Array(Type.String()),
  offenseName: Type.String(),
});
export type AnalyzedEntry = Static<typeof AnalyzedEntry>;

export const AlternativeResult = Type.Object({
  label: Type.String(),
  entry: AnalyzedEntry,
  findings: Type.Array(Finding),
});
export type AlternativeResult = Static<typeof AlternativeResult>;

/** A ground whose outcome differs between two alternatives, and the input difference that explains it. */
export const FindingDifference = Type.Object({
  ground: StringEnum(FINDING_GROUND_CODES),
  outcomes: Type.Array(Type.Object({ label: Type.String(), outcome: StringEnum(FINDING_OUTCOMES) })),
  /** "365 → 364 days removes the aggravated felony". */
  summary: Type.String(),
});
export type FindingDifference = Static<typeof FindingDifference>;

export const AnalysisResult = Type.Object({
  /** The day the analysis was made (the five-year clock and "in the future" are measured from it). */
  analyzedOn: DateOnly,
  priors: Type.Array(
    Type.Object({ citation: Nullable(Type.String()), convictedOn: DateOnly, entry: Nullable(AnalyzedEntry) }),
  ),
  alternatives: Type.Array(AlternativeResult),
  differences: Type.Array(FindingDifference),
});
export type AnalysisResult = Static<typeof AnalysisResult>;

// ---------------------------------------------------------------------------------------
// Saved analyses: the lawyer's own record of the advice (Padilla v. Kentucky; Lee v. United
// States). Visible to their owner alone; kept under a matter label, never a client's name.
// ---------------------------------------------------------------------------------------

/** A matter label the lawyer chooses ("People v. R.M., plea 12/3"): no client name is required. */
export const MatterLabel = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[^\\x00-\\x1f\\x7f]*\\S[^\\x00-\\x1f\\x7f]*$',
});
/** The advice in the lawyer's own words, as given to the client. */
export const AdviceText = Type.String({ maxLength: 20_000 });

export const SavedAnalysisCreate = Type.Object(
  { matter: MatterLabel, advice: Type.Optional(AdviceText), request: AnalysisRequest },
  { additionalProperties: false },
);
export type SavedAnalysisCreate = Static<typeof SavedAnalysisCreate>;

export const SavedAnalysisUpdate = Type.Object(
  { matter: Type.Optional(MatterLabel), advice: Type.Optional(AdviceText) },
  { additionalProperties: false },
);
export type SavedAnalysisUpdate = Static<typeof SavedAnalysisUpdate>;

export const SavedAnalysis = Type.Object({
  id: Uuid,
  matter: Type.String(),
  advice: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  request: AnalysisRequest,
  /** The findings as computed when saved, with the entry revisions they rest on. */
  result: AnalysisResult,
});
export type SavedAnalysis = Static<typeof SavedAnalysis>;

export const SavedAnalysisSummary = Type.Object({
  id: Uuid,
  matter: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  analyzedOn: DateOnly,
  alternatives: Type.Array(Type.String()),
});
export type SavedAnalysisSummary = Static<typeof SavedAnalysisSummary>;

export const SavedAnalysisListResponse = Type.Object({ items: Type.Array(SavedAnalysisSummary) });
export type SavedAnalysisListResponse = Static<typeof SavedAnalysisListResponse>;

/** What every memo and analysis page says. */
export const ANALYSIS_DISCLAIMER =
  'The offense entries are sample content, not legal advice. This analysis applies them to the facts entered and does not replace the lawyer’s own judgment; verify each authority before relying on it.';
