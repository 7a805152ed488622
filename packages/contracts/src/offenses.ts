import { type Static, Type } from 'typebox';
import { Nullable, StringEnum } from './common';

// ---------------------------------------------------------------------------------------
// Offense entries: one row of a quick reference chart as data. An entry is a document of
// kind `offense_entry` (so it shares the documents' editorial life: drafts, review,
// revisions, diffs, supersession, audit, search); this is the structured part of its
// revision content.
// ---------------------------------------------------------------------------------------

export const OFFENSE_GRADES = ['felony', 'misdemeanor', 'wobbler', 'infraction'] as const;
export type OffenseGrade = (typeof OFFENSE_GRADES)[number];

/** What a chart says a conviction does: `depends` names the condition; `unclear` means unsettled law. */
export const ASSESSMENT_OUTCOMES = ['yes', 'no', 'depends', 'unclear'] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

/** The consequence columns of a chart, in the order a chart shows them. */
export const CONSEQUENCE_COLUMNS = {
  aggravated_felony: 'Aggravated felony (INA § 101(a)(43))',
  cimt: 'Crime involving moral turpitude',
  controlled_substance_deportable: 'Controlled substance: deportability (INA § 237(a)(2)(B)(i))',
  controlled_substance_inadmissible: 'Controlled substance: inadmissibility (INA § 212(a)(2)(A)(i)(II))',
  domestic_violence: 'Domestic violence, stalking, child abuse, protection order (INA § 237(a)(2)(E))',
  firearms: 'Firearms (INA § 237(a)(2)(C))',
  other_grounds: 'Other grounds (prostitution, document fraud, …)',
  daca_bar: 'DACA criminal bars',
  tps_bar: 'TPS criminal bars',
  mandatory_detention: 'Mandatory detention (INA § 236(c))',
} as const;
export type ConsequenceColumn = keyof typeof CONSEQUENCE_COLUMNS;
export const CONSEQUENCE_COLUMN_CODES = Object.keys(CONSEQUENCE_COLUMNS) as ConsequenceColumn[];

/** Short column headings for tables and cards. */
export const CONSEQUENCE_COLUMN_SHORT: Record<ConsequenceColumn, string> = {
  aggravated_felony: 'Aggravated felony',
  cimt: 'CIMT',
  controlled_substance_deportable: 'Drug: deportable',
  controlled_substance_inadmissible: 'Drug: inadmissible',
  domestic_violence: 'DV / child abuse',
  firearms: 'Firearms',
  other_grounds: 'Other grounds',
  daca_bar: 'DACA bar',
  tps_bar: 'TPS bar',
  mandatory_detention: 'Mandatory detention',
};

/**
 * The numeric part of a condition, when there is one, so the analyzer can decide it:
 * "if a sentence of 365 days or more is imposed" → { sentenceDaysAtLeast: 365 };
 * "if the loss to the victim exceeds $10,000" → { lossOver: 10000 };
 * "unless a single offense of 30 grams or less of marijuana" → { quantityGramsOver: 30 }.
 */
export const AssessmentCondition = Type.Object(
  {
    sentenceDaysAtLeast: Type.Optional(Type.Integer({ minimum: 1, maximum: 36500 })),
    lossOver: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
    quantityGramsOver: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 })),
  },
  { additionalProperties: false },
);
export type AssessmentCondition = Static<typeof AssessmentCondition>;

export const CircuitNote = Type.Object(
  {
    /** A circuit code from the jurisdictions (`cir-9`) or `bia`. */
    circuit: Type.String({ minLength: 1, maxLength: 20 }),
    note: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type CircuitNote = Static<typeof CircuitNote>;

export const Assessment = Type.Object(
  {
    outcome: StringEnum(ASSESSMENT_OUTCOMES),
    /** The answer and its condition in words, as a chart cell says it. */
    summary: Type.String({ maxLength: 2000 }),
    /** For the aggravated felony column: the INA § 101(a)(43) subparagraphs, e.g. ["G"], ["M", "U"]. */
    subparagraphs: Type.Optional(Type.Array(Type.String({ pattern: '^[A-U]$' }), { maxItems: 10 })),
    condition: Type.Optional(Nullable(AssessmentCondition)),
    circuitNotes: Type.Optional(Type.Array(CircuitNote, { maxItems: 20 })),
    /** Citations (statutes, cases, BIA decisions) the answer rests on. */
    authorities: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type Assessment = Static<typeof Assessment>;

export const SaferAlternative = Type.Object(
  {
    /** The safer plea's statute, as cited (resolved to its entry when the library has one). */
    statute: Type.String({ minLength: 1, maxLength: 300 }),
    advice: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type SaferAlternative = Static<typeof SaferAlternative>;

/** The structured content of an offense entry's revision. */
export const OffenseEntryData = Type.Object(
  {
    /** Jurisdiction code of the statute: `us-ca`, `us-ny`, `federal`. */
    jurisdiction: Type.String({ minLength: 1, maxLength: 20 }),
    /** One or more citations, subsections distinguished: "Cal. Penal Code § 273.5(a)". */
    statutes: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 10 }),
    offenseName: Type.String({ minLength: 1, maxLength: 300 }),
    grade: StringEnum(OFFENSE_GRADES),
    /** Maximum possible sentence in days (365 = one year); null when not fixed by the statute. */
    maxSentenceDays: Nullable(Type.Integer({ minimum: 0, maximum: 36500 })),
    /** One assessment per consequence column; a missing column is shown and analyzed as `unclear`. */
    assessments: Type.Partial(
      Type.Object(
        Object.fromEntries(CONSEQUENCE_COLUMN_CODES.map((code) => [code, Assessment])) as Record<
          ConsequenceColumn,
          typeof Assessment
        >,
      ),
      { additionalProperties: false },
    ),
    saferAlternatives: Type.Array(SaferAlternative, { maxItems: 10 }),
    /** Practice notes (Markdown). */
    practiceNotes: Type.String({ maxLength: 20000 }),
    /** Advisories that explain the row: `slug` or `slug#section-anchor`. */
    advisories: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type OffenseEntryData = Static<typeof OffenseEntryData>;
