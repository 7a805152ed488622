/**
 * Numbers as lawyers write them and as the law does: "ten years" in a treatise is "10 years"
 * in the statute, "five-year" sentences are "5 years", "first offense" is "1st offense", and a
 * loss "over 10k" is one "over $10,000". The index treats a number word and its digits as one
 * word (both ways), and a query's shorthand amounts are spelled out as documents write them.
 */

const CARDINALS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const TENS: Record<string, number> = { thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90 };
const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

const ordinalSuffix = (n: number) => (n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th');

/** Each number word with its digits: "ten" ↔ "10", "first" ↔ "1st". */
export const NUMBER_WORDS: ReadonlyArray<readonly [word: string, digits: string]> = [
  ...CARDINALS.map((word, n) => [word, String(n)] as const),
  ...Object.entries(TENS).map(([word, n]) => [word, String(n)] as const),
  ...ORDINAL_WORDS.map((word, i) => [word, `${i + 1}${ordinalSuffix(i + 1)}`] as const),
];

const DIGITS_OF = new Map(NUMBER_WORDS.map(([word, digits]) => [word, digits]));

/** The digits a number word stands for ("ten" → "10"), else undefined. */
export const digitsOf = (word: string): string | undefined => DIGITS_OF.get(word.toLowerCase());

/** Index synonyms making each number word and its digits the same word, both ways. */
export function numberSynonyms(): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const [word, digits] of NUMBER_WORDS) {
    synonyms[word] = [digits];
    synonyms[digits] = [word];
  }
  return synonyms;
}

/** Adds the number synonyms to index synonyms (a word's own synonyms are kept). */
export function withNumberSynonyms(synonyms: Record<string, string[]>): Record<string, string[]> {
  const result: Record<string, string[]> = { ...synonyms };
  for (const [word, equivalents] of Object.entries(numberSynonyms())) {
    result[word] = [...new Set([...(result[word] ?? []), ...equivalents])].sort();
  }
  return result;
}

/** A code or section sign just before a number: "PC 273k" would be a section, not an amount. */
const CODE_BEFORE = /(?:\b(?:P\.?C|V\.?C|H\.?\s?&\s?S|HS|INA|U\.?S\.?C|C\.?F\.?R|Code|Stat|Law)\.?|§)\s*$/i;

/**
 * Shorthand amounts as documents write them: "10k" and "$10K" → "10,000" (the guidance states
 * loss thresholds as "$10,000").
 */
export function spellOutAmounts(text: string): string {
  return text.replace(/(?<![\w.])\$?(\d{1,3})k(?![\w&])/gi, (whole, n: string, offset: number) =>
    CODE_BEFORE.test(text.slice(0, offset)) ? whole : `${n},000`,
  );
}
