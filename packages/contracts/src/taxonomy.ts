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
