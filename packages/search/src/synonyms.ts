import { withNumberSynonyms } from './numbers';
import { buildSynonyms } from './settings';
import { addPhraseSynonyms, type SearchVocabulary } from './vocabulary';
import { withWordForms } from './word-forms';

/**
 * The index synonyms of a vocabulary: abbreviations both ways, the lawyer's phrases one way,
 * number words and their digits both ways ("ten years" is "10 years"), and the forms of the
 * law's words ("convicted" is "conviction", "pleas" is "plea").
 */
export function indexSynonyms(vocabulary: SearchVocabulary): Record<string, string[]> {
  return withWordForms(withNumberSynonyms(addPhraseSynonyms(buildSynonyms(vocabulary.aliases), vocabulary.phrases)));
}
