import { type Static, Type } from 'typebox';
import { Nullable, StringEnum, Uuid } from './common';

export const VOCABULARIES = ['offense_type', 'consequence'] as const;
export type Vocabulary = (typeof VOCABULARIES)[number];

export const TaxonomyTerm = Type.Object({
  id: Uuid,
  vocabulary: StringEnum(VOCABULARIES),
  code: Type.String(),
  label: Type.String(),
  parentCode: Nullable(Type.String()),
  synonyms: Type.Array(Type.String()),
  position: Type.Integer(),
  /** Codes of terms merged into this one: saved links and imports that use them mean this term. */
  mergedCodes: Type.Array(Type.String()),
});
export type TaxonomyTerm = Static<typeof TaxonomyTerm>;

export const TaxonomyResponse = Type.Object({
  offenseTypes: Type.Array(TaxonomyTerm),
  consequences: Type.Array(TaxonomyTerm),
});
export type TaxonomyResponse = Static<typeof TaxonomyResponse>;

export const SEARCH_PHRASE_KINDS = ['abbreviation', 'lay_term', 'offense_name'] as const;
export type SearchPhraseKind = (typeof SEARCH_PHRASE_KINDS)[number];
export const SEARCH_PHRASE_KIND_LABELS: Record<SearchPhraseKind, string> = {
  abbreviation: 'Abbreviation',
  lay_term: 'Lay or street term',
  offense_name: 'Everyday name of an offense',
};

/** One entry of the lawyer's vocabulary: what practitioners type → what the guidance calls it. */
export const SearchPhrase = Type.Object({
  id: Uuid,
  kind: StringEnum(SEARCH_PHRASE_KINDS),
  phrase: Type.String(),
  meanings: Type.Array(Type.String()),
  updatedAt: Type.String(),
});
export type SearchPhrase = Static<typeof SearchPhrase>;

export const SearchPhrasesResponse = Type.Object({ phrases: Type.Array(SearchPhrase) });
export type SearchPhrasesResponse = Static<typeof SearchPhrasesResponse>;

const PhraseText = Type.String({ minLength: 1, maxLength: 80 });
const Meanings = Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { minItems: 1, maxItems: 10 });

export const CreateSearchPhraseBody = Type.Object(
  { kind: StringEnum(SEARCH_PHRASE_KINDS), phrase: PhraseText, meanings: Meanings },
  { additionalProperties: false },
);
export type CreateSearchPhraseBody = Static<typeof CreateSearchPhraseBody>;

export const UpdateSearchPhraseBody = Type.Object(
  {
    kind: Type.Optional(StringEnum(SEARCH_PHRASE_KINDS)),
    phrase: Type.Optional(PhraseText),
    meanings: Type.Optional(Meanings),
  },
  { additionalProperties: false },
);
export type UpdateSearchPhraseBody = Static<typeof UpdateSearchPhraseBody>;

export const SearchPhraseChangeResponse = Type.Object({
  phrase: Nullable(SearchPhrase),
  /** False when Meilisearch could not be reached: the change is saved and applied when it answers. */
  searchSynonymsUpdated: Type.Boolean(),
});
export type SearchPhraseChangeResponse = Static<typeof SearchPhraseChangeResponse>;
