import { ABBREVIATIONS } from './abbreviations';
import { rewriteCitationQuery } from './citations';
import type { Alias } from './settings';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One word, plural allowed: "felony" also matches "felonies", "crime" "crimes". */
const wordPattern = (word: string) => {
  const escaped = escapeRegExp(word);
  if (/[^aeiou]y$/i.test(word)) return `${escapeRegExp(word.slice(0, -1))}(?:y|ies)`;
  if (/^[a-z]{3,}$/i.test(word)) return `${escaped}(?:e?s)?`;
  return escaped;
};

/**
 * A phrase as typed in practice: any spacing, and the plural of its first or last word
 * ("aggravated felonies", "crimes involving moral turpitude", "notices to appear").
 */
const phrasePattern = (phrase: string) => {
  const words = phrase.trim().split(/\s+/);
  return words
    .map((word, i) => (i === 0 || i === words.length - 1 ? wordPattern(word) : escapeRegExp(word)))
    .join('\\s+');
};

interface CompiledAliases {
  expansions: Array<{ short: string; pattern: RegExp }>;
  shortForms: Set<string>;
}

const compiled = new WeakMap<readonly Alias[], CompiledAliases>();

function compile(aliases: readonly Alias[]): CompiledAliases {
  let result = compiled.get(aliases);
  if (!result) {
    result = {
      // Longest expansions first, so a longer phrase is not cut by a shorter one inside it.
      expansions: [...aliases]
        .sort((a, b) => b[1].length - a[1].length)
        .map(([short, long]) => ({
          short,
          pattern: new RegExp(`(?<![\\w&])${phrasePattern(long)}(?![\\w&])`, 'gi'),
        })),
      shortForms: new Set(aliases.map(([short]) => short.toLowerCase())),
    };
    compiled.set(aliases, result);
  }
  return result;
}

export interface PreparedQuery {
  /** What Meilisearch is asked. */
  text: string;
  /** Canonical citation keys found in the query. */
  citationKeys: string[];
}

/**
 * Brings a reader's query to one canonical form, so the different ways lawyers write the same
 * thing ask the index the same question: citations become canonical keys ("PC 273.5",
 * "273.5 PC" and "Cal. Penal Code § 273.5" alike), and spelled-out terms of art become their
 * abbreviation ("crime involving moral turpitude" → "CIMT"); the index's synonyms then match
 * both spellings in the documents.
 */
export function prepareQuery(raw: string, aliases: readonly Alias[] = ABBREVIATIONS): PreparedQuery {
  const { expansions, shortForms } = compile(aliases);
  // Terms of art first: "Immigration and Nationality Act § 237" becomes a citation "INA § 237".
  let expanded = raw.replace(/[\u0000-\u001f]/g, ' ');
  for (const { short, pattern } of expansions) expanded = expanded.replace(pattern, short);
  const { text: rewritten, keys } = rewriteCitationQuery(expanded.trim());
  const text = rewritten.replace(/\s+/g, ' ').trim();
  // Meilisearch reads the last word as a prefix (as-you-type). A complete abbreviation or a
  // citation key is a whole word: "AF" must not match "after", nor "PC 27" match "PC 273.5".
  const last = text.split(' ').at(-1)?.toLowerCase() ?? '';
  const whole = shortForms.has(last) || keys.includes(last);
  return { text: whole ? `${text} ` : text, citationKeys: keys };
}
