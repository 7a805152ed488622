import { LEGAL, WEAK } from './query';

/**
 * The forms of one word the guidance uses interchangeably, which Meilisearch (no stemming)
 * would read as different words: a fact pattern says "convicted", the advisory "conviction";
 * the query "pleas", the advisory "plea". A section lacking one form of a word it has in another
 * is not a worse answer.
 */
const FAMILIES: ReadonlyArray<readonly string[]> = [
  ['convicted', 'conviction', 'convictions'],
  ['arrested', 'arrest', 'arrests'],
  ['charged', 'charge', 'charges'],
  ['pleaded', 'pled', 'plea', 'pleas'],
  // "Term of imprisonment" is the statute's word for a sentence (INA § 101(a)(48)(B)).
  ['sentenced', 'sentence', 'sentences', 'term of imprisonment'],
  ['detained', 'detention'],
  ['trafficker', 'traffickers', 'trafficking'],
  ['sold', 'sale', 'sales', 'selling'],
  ['possessed', 'possession'],
  ['naturalize', 'naturalized', 'naturalization'],
  ['vacate', 'vacated', 'vacatur'],
  ['expunge', 'expunged', 'expungement'],
];

/** The plural of a word of the law ("felony" → "felonies"), or its singular ("drugs" → "drug"). */
export function otherNumber(word: string): string | null {
  if (!/^[a-z]{4,}$/.test(word)) return null;
  if (/(?:ss|us|is|ics)$/.test(word)) return word.endsWith('ics') ? word.slice(0, -1) : null;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(?:ch|sh|x|s)$/.test(word)) return `${word}es`;
  if (/(?:ed|ing|al|ous|ive|ble|ic|ful|ary)$/.test(word)) return null;
  return `${word}s`;
}

/** Index synonyms making the forms of the law's words one word: families, and singular ↔ plural. */
export function wordFormSynonyms(): Record<string, string[]> {
  const groups = new Map<string, Set<string>>();
  const join = (words: readonly string[]) => {
    for (const word of words) {
      const group = groups.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) group.add(other);
      groups.set(word, group);
    }
  };
  for (const family of FAMILIES) join(family);
  for (const word of [...LEGAL, ...WEAK]) {
    const other = otherNumber(word);
    if (other) join([word, other]);
  }
  return Object.fromEntries([...groups.entries()].map(([word, set]) => [word, [...set].sort()]));
}

/** Adds the word-form synonyms to index synonyms (a word's own synonyms are kept). */
export function withWordForms(synonyms: Record<string, string[]>): Record<string, string[]> {
  const result: Record<string, string[]> = { ...synonyms };
  for (const [word, forms] of Object.entries(wordFormSynonyms())) {
    result[word] = [...new Set([...(result[word] ?? []), ...forms])].sort();
  }
  return result;
}
