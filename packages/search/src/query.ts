import { ABBREVIATIONS } from './abbreviations';
import { findCitations, rewriteCitationQuery } from './citations';
import { digitsOf, NUMBER_WORDS, spellOutAmounts } from './numbers';
import type { Alias } from './settings';
import {
  endsWithPhrase,
  extractJurisdictions,
  jurisdictionToken,
  matchVocabulary,
  phraseToken,
  rewriteNegatedStatus,
  rewritePhrases,
  type SearchVocabulary,
} from './vocabulary';

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
  /**
   * When the query ends with a section that may be the start of longer ones ("PC 273",
   * "H&S 113"): the query asking for every provision it begins, used when the section itself
   * is cited nowhere.
   */
  prefixText: string | null;
  /**
   * How Meilisearch relaxes the query when no document has every word: `frequency` drops the
   * most common words first (short queries); `last` drops words from the end, for a long query
   * whose words were put in order of what they tell (see orderByWeight).
   */
  matchingStrategy: 'frequency' | 'last';
  /**
   * How many of the first words asked are not words any fact pattern has ("arrested",
   * "convicted"): a document matching these matches the question, whatever else it lacks.
   */
  requiredWords: number;
  /** The criminal bars asked about without being named (see impliedBars). */
  bars: string[];
}

/**
 * Words that say nothing about which guidance answers a question ("my client was charged
 * with…"): dropped from a query that has other words, so a fact pattern is matched on its facts.
 */
const FILLER = new Set(
  (
    'a an the of to in on at for with by from about as into onto over under is are was were be been being am ' +
    'do does did done can could should would will shall may might must has have had having it its this that ' +
    'these those what which who whom whose when where why how i me my mine we us our you your he him his she ' +
    'her they them their there here and or but if then so than also just now still any some all very really ' +
    'get got gets getting want wants wanted need needs needed like client clients customer defendant ' +
    'question questions help please know tell say said thing things case cases situation ' +
    // The subject of the whole library: every document is about immigration consequences.
    'immigration consequence consequences'
  ).split(' '),
);

/**
 * Words of a fact pattern that every document of this library could contain ("my client was
 * arrested and convicted…"): kept, but the first a long query gives up.
 */
export const WEAK = new Set(
  (
    'arrest arrested arrests charge charged charges convicted conviction convictions plead pleaded pled ' +
    'pleading guilty offense offenses crime crimes criminal court judge now later after before because ' +
    'since while during old new year years time times day days month months went came come back got ' +
    'being also later recently currently previously trying wants wanted facing faces faced person ' +
    'people someone somebody man woman guy lady noncitizen immigrant immigrants alien aliens applicant ' +
    'applicants respondent petitioner defendant'
  ).split(' '),
);

/**
 * Words of the law that say which guidance answers a query: in a long query they are kept before
 * the other words. Besides these, the words of the vocabulary's phrases and meanings count.
 */
export const LEGAL = new Set(
  (
    'removal removable deportable deportability deportation deported inadmissible inadmissibility ' +
    'admissibility detention detained detainer custody bond asylum withholding torture cancellation ' +
    'naturalization naturalize citizenship waiver relief vacatur vacate vacated expungement expunged ' +
    'plea sentence sentenced sentencing probation misdemeanor felony aggravated turpitude moral ' +
    'possession trafficking distribution sale sales theft larceny burglary robbery fraud forgery ' +
    'assault battery violence violent domestic firearm firearms gun weapon weapons sexual minor rape ' +
    'prostitution reentry smuggling harboring juvenile delinquency obstruction perjury bribery ' +
    'statutory laundering structuring dui drunk driving reckless marijuana cannabis methamphetamine cocaine ' +
    'heroin drug drugs narcotics paraphernalia substance controlled threats stalking abuse child ' +
    'endangerment protective restraining order violation adjustment admission visa status tps daca ' +
    'vawa asylee refugee lpr permanent resident residence categorical divisible divisibility ' +
    'stop-time continuous residence presence hardship discretion ineffective assistance counsel ' +
    'padilla immigration-consequences advisement evidence record burden proof judicial review ' +
    'reinstatement expedited voluntary departure motion reopen appeal appeals hold holds jail'
  ).split(' '),
);

/**
 * The criminal bar of each form of relief: a crime bars asylum and withholding as a
 * particularly serious crime, cancellation of removal through the stop-time rule (and the
 * grounds it names), naturalization through good moral character. A query naming the relief
 * and a crime ("asylum applicant convicted of drug trafficking") asks about that bar, in words
 * the guidance on it uses even when the query does not.
 */
export const RELIEF_BARS: ReadonlyArray<{ relief: RegExp; named: RegExp; bar: string }> = [
  {
    relief: /\b(?:asyl(?:um|ee)s?|refugees?|withholding|WOR)\b/i,
    named: /\b(?:PSC|particularly\s+serious)\b/i,
    bar: 'PSC',
  },
  {
    relief: /\b(?:cancell?ation|COR|240A|1229b)\b/i,
    named: /\bstop[\s-]*time\b/i,
    bar: 'stop-time',
  },
  {
    relief: /\b(?:naturali[sz]\w*|citizenship|N-400)\b/i,
    named: /\b(?:GMC|good\s+moral)\b/i,
    bar: 'GMC',
  },
];

/** Words saying a query is about a crime, a conviction or a sentence. */
const CRIME =
  /\b(?:convict\w*|plea\w*|pled|guilty|arrest\w*|charged?|offen[cs]es?|crimes?|criminal|felon\w*|misdemeanou?rs?|sentenc\w*|AF|CIMT|CMT|CSO|DV|DUI|DWI|trafficking|traffick\w*|drugs?|narcotics?|theft|larceny|shoplifting|burglary|robbery|assault|battery|murder|homicide|rape|fraud|firearms?|guns?|weapons?|possession|violence|abuse|smuggling|prostitution|laundering)\b/i;

/**
 * The words of the bars a query asks about without naming them: a relief it names, beside a
 * crime (a word of crime, or an offense the vocabulary knows), whose bar it does not name.
 */
export function impliedBars(query: string, offenseTokens: ReadonlySet<string> = new Set()): string[] {
  const crime = CRIME.test(query) || query.split(/\s+/).some((w) => offenseTokens.has(w.toLowerCase()));
  if (!crime) return [];
  return RELIEF_BARS.filter((r) => r.relief.test(query) && !r.named.test(query)).map((r) => r.bar);
}

const offenseTokenSets = new WeakMap<object, Set<string>>();

/** The query words the vocabulary's offense names are asked as ("kbvwifebeating", "joyriding"). */
function offenseTokens(phrases: SearchVocabulary['phrases']): Set<string> {
  let tokens = offenseTokenSets.get(phrases);
  if (!tokens) {
    tokens = new Set(
      phrases.filter((p) => p.kind === 'offense_name').map((p) => phraseToken(p.phrase) ?? p.phrase.toLowerCase()),
    );
    offenseTokenSets.set(phrases, tokens);
  }
  return tokens;
}

/** What a vocabulary phrase denoting the client's immigration status means. */
const STATUS =
  /\b(?:permanent resident|permanent residence|without inspection|without admission|unlawfully present|unlawful presence|undocumented|overstay\w*|nonpermanent)\b/i;

const statusSets = new WeakMap<object, Set<string>>();

/** The query words that name the client's status ("kbvgreencardholder", "LPR", "undocumented"). */
function statusWords(aliases: readonly Alias[], phrases: SearchVocabulary['phrases']): Set<string> {
  const key = phrases.length > 0 ? phrases : aliases;
  let words = statusSets.get(key);
  if (!words) {
    words = new Set([
      ...aliases.filter(([, long]) => STATUS.test(long)).map(([short]) => short.toLowerCase()),
      ...phrases
        .filter((p) => STATUS.test(`${p.phrase} ${p.meanings.join(' ')}`))
        .map((p) => phraseToken(p.phrase) ?? p.phrase.toLowerCase()),
    ]);
    statusSets.set(key, words);
  }
  return words;
}

/** Four-digit years: in a long fact pattern ("pleaded in 2019") they narrow nothing. */
const YEAR = /^(?:19|20)\d\d$/;

function dropFiller(text: string): string {
  // A quoted phrase is the reader's exact words: left alone.
  if (text.includes('"')) return text;
  const words = text.split(' ');
  const content = words.filter((w) => !FILLER.has(w.toLowerCase().replace(/[,.;:?!]+$/, '')));
  const withoutYears = content.length >= 4 ? content.filter((w) => !YEAR.test(w.replace(/[,.;:?!]+$/, ''))) : content;
  return withoutYears.length > 0 ? withoutYears.join(' ') : text;
}

/** From this many words up, a query is read as a fact pattern: its words are ordered by weight. */
const LONG_QUERY_WORDS = 4;
/** Meilisearch reads the first ten words of a query and ignores the rest. */
const MAX_QUERY_WORDS = 10;

const lexicons = new WeakMap<object, Set<string>>();

/** The words of the vocabulary's phrases and meanings: words lawyers use for what the law names. */
function vocabularyWords(aliases: readonly Alias[], phrases: SearchVocabulary['phrases']): Set<string> {
  const key = phrases.length > 0 ? phrases : aliases;
  let words = lexicons.get(key);
  if (!words) {
    words = new Set(
      [...aliases.map(([, long]) => long), ...phrases.flatMap((p) => [p.phrase, ...p.meanings])]
        .flatMap((text) => text.toLowerCase().split(/[^a-z0-9-]+/))
        .filter((w) => w.length >= 4 && !FILLER.has(w) && !WEAK.has(w)),
    );
    lexicons.set(key, words);
  }
  return words;
}

/** Weights from `wordWeight` at and above which a word is context, not what a query asks about. */
const CONTEXT_WEIGHT = 2.5;

/** How telling a word of a long query is (lower first): see orderByWeight. */
function wordWeight(
  word: string,
  index: number,
  isStrong: (word: string, index: number) => boolean,
  lexicon: Set<string>,
  isStatus: (word: string) => boolean,
): number {
  const lower = word.toLowerCase();
  // The client's status ("green card holder", "visa overstay") says which consequences matter;
  // the offense or the relief says which guidance answers.
  if (isStatus(word)) return CONTEXT_WEIGHT;
  if (isStrong(word, index)) return 0;
  if (WEAK.has(lower)) return 3;
  if (LEGAL.has(lower) || lexicon.has(lower)) return 1;
  return 2;
}

/**
 * The words of a long query, the most telling first: citation keys; the lawyer's phrases,
 * abbreviations and names (a capitalised word after the first: "Esquivel", "Florida"); words of
 * the law; other words; and last the words any fact pattern has ("arrested", "convicted"). With
 * Meilisearch's `last` strategy, a query no document matches entirely then gives up its least
 * telling words first — not, as `frequency` would, everything but its rarest word, which in a
 * fact pattern is often an aside ("girlfriend", "trip").
 */
export function orderByWeight(
  words: string[],
  isStrong: (word: string, index: number) => boolean,
  lexicon: Set<string>,
  isStatus: (word: string) => boolean = () => false,
): string[] {
  const weight = (word: string, index: number) => wordWeight(word, index, isStrong, lexicon, isStatus);
  return words
    .map((word, index) => ({ word, index, weight: weight(word, index) }))
    .sort((a, b) => a.weight - b.weight || a.index - b.index)
    .map((w) => w.word);
}

/**
 * Brings a reader's query to one canonical form, so the different ways lawyers write the same
 * thing ask the index the same question: the lawyer's multi-word phrases become one word each
 * ("ICE hold"), citations become canonical keys ("PC 273.5", "273.5 PC" and
 * "Cal. Penal Code § 273.5" alike), spelled-out terms of art become their abbreviation
 * ("crime involving moral turpitude" → "CIMT"), and words that carry no meaning are dropped;
 * the index's synonyms then match every spelling in the documents.
 */
export function prepareQuery(
  raw: string,
  vocabulary: readonly Alias[] | SearchVocabulary = ABBREVIATIONS,
): PreparedQuery {
  const { aliases, phrases } = Array.isArray(vocabulary)
    ? { aliases: vocabulary as readonly Alias[], phrases: [] }
    : (vocabulary as SearchVocabulary);
  const { expansions, shortForms } = compile(aliases);
  // A denied status first ("not a green card holder" → "non-LPR") and amounts as documents
  // write them ("10k" → "10,000"); the lawyer's multi-word phrases next ("ICE hold"), before their
  // words are read on their own; then terms of art: "Immigration and Nationality Act § 237"
  // becomes a citation "INA § 237".
  const source = spellOutAmounts(rewriteNegatedStatus(raw.replace(/[\u0000-\u001f]/g, ' '), { aliases, phrases }));
  let expanded = rewritePhrases(source, phrases).text;
  for (const { short, pattern } of expansions) expanded = expanded.replace(pattern, short);
  const typed = expanded.trim();
  const lastCitation = findCitations(typed).at(-1);
  const { text: rewritten, keys } = rewriteCitationQuery(typed);
  // A jurisdiction named ("California", "9th Cir.") becomes its token, asked last: with the
  // `last` strategy the documents of that jurisdiction come first, and the others still follow.
  const quoted = rewritten.includes('"');
  const jurisdictions = quoted ? { codes: [], rest: rewritten } : extractJurisdictions(rewritten);
  const tokens = jurisdictions.codes.map(jurisdictionToken);
  const withoutJurisdictions = jurisdictions.rest.replace(/\s+/g, ' ').trim();
  // A leading hyphen is Meilisearch's "exclude this word" ("5/11-501" typed apart): never meant.
  const text = (
    withoutJurisdictions ? dropFiller(withoutJurisdictions) : dropFiller(rewritten.replace(/\s+/g, ' ').trim())
  ).replace(/(^|\s)-+(?=\S)/g, '$1');
  const asked = withoutJurisdictions ? tokens : [];
  // A section typed last, without subsections, may begin longer ones: its key without the
  // closing mark, asked last, is read by Meilisearch as a prefix ("capc273" → 273.5, 273a, 273d).
  const sectionKey =
    lastCitation && lastCitation.keys.length === 1 && typed.slice(lastCitation.end).trim() === ''
      ? lastCitation.keys[0]
      : undefined;
  const prefixText = sectionKey
    ? `${text
        .split(' ')
        .filter((w) => w !== sectionKey)
        .join(' ')} ${sectionKey.slice(0, -1)}`.trim()
    : null;
  // Meilisearch reads the last word as a prefix (as-you-type). A complete abbreviation or a
  // citation key is a whole word: "AF" must not match "after", nor "PC 273.5" "PC 273.51".
  const words = text.split(' ');
  // The bar a relief-and-crime query asks about, asked last: among the documents matching the
  // query, those on the bar come first; none is dropped for not naming it.
  const bars = quoted ? [] : impliedBars(`${source} ${expanded}`, offenseTokens(phrases));
  const statuses = statusWords(aliases, phrases);
  const isStatus = (word: string) => statuses.has(word.toLowerCase());
  const withStatus = !quoted && words.length >= 2 && words.some(isStatus);
  if (asked.length > 0 || bars.length > 0 || withStatus || (words.length >= LONG_QUERY_WORDS && !quoted)) {
    const typedWords = typed.split(/\s+/);
    const strong = (word: string, index: number) =>
      keys.includes(word) ||
      word.startsWith('kbv') ||
      shortForms.has(word.toLowerCase()) ||
      phrases.some((p) => p.phrase.toLowerCase() === word.toLowerCase()) ||
      // A name: capitalised, not the query's first word, not a whole query in capitals.
      (index > 0 && /^[A-Z][a-z]/.test(word) && typedWords.some((t) => /^[a-z]/.test(t)));
    const bare = words.map((w) => w.replace(/[,;:?!]+$|^[,;:?!]+/g, '')).filter(Boolean);
    // A short query keeps its order (its words are read together); a long one, or one naming the
    // client's status, is ordered by weight.
    const long = bare.length >= LONG_QUERY_WORDS || withStatus;
    const lexicon = vocabularyWords(aliases, phrases);
    const ordered = long ? orderByWeight(bare, strong, lexicon, isStatus) : bare;
    // The bars come before the context and the words any fact pattern has, which are given up first.
    const contextAt = long
      ? ordered.findIndex((w, i) => wordWeight(w, i, strong, lexicon, isStatus) >= CONTEXT_WEIGHT)
      : -1;
    const cut = contextAt < 0 ? ordered.length : contextAt;
    const asking = [...ordered.slice(0, cut), ...bars, ...ordered.slice(cut)].slice(0, MAX_QUERY_WORDS - asked.length);
    // Whole words: the last one is no longer the word being typed.
    return {
      text: `${[...asking, ...asked].join(' ')} `,
      citationKeys: keys,
      prefixText,
      matchingStrategy: 'last',
      requiredWords: countWords(asking.slice(0, cut + bars.length)),
      bars,
    };
  }
  const last = words.at(-1)?.toLowerCase() ?? '';
  const whole = shortForms.has(last) || keys.includes(last) || endsWithPhrase(text, phrases);
  return {
    text: whole ? `${text} ` : text,
    citationKeys: keys,
    prefixText,
    matchingStrategy: 'frequency',
    requiredWords: countWords(words),
    bars: [],
  };
}

/** Query words as Meilisearch counts them: "stop-time" and "10,000" are two. */
const countWords = (words: string[]) =>
  words.flatMap((w) => w.split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length > 0).length;

/** What a vocabulary meaning is looked for as in plain text: a citation by its section number. */
function meaningTexts(meaning: string): string[] {
  const [citation] = findCitations(meaning);
  return citation ? citation.sections : [meaning];
}

/**
 * A query for full-text search without the index's synonyms (the PostgreSQL fallback): groups
 * that must all match, each a list of alternatives any of which may. A vocabulary phrase or
 * abbreviation is one group with its meanings ("ICE hold" or "immigration detainer" or
 * "detainer"); a citation is its section number as written or codified ("101" or "1101");
 * every other word that carries meaning is a group of its own. Empty when nothing is left:
 * the caller then searches the text as typed.
 */
export function fallbackTerms(raw: string, vocabulary: SearchVocabulary): string[][] {
  const text = spellOutAmounts(rewriteNegatedStatus(raw.replace(/[\u0000-\u001f]/g, ' '), vocabulary));
  // A quoted phrase is the reader's exact words: searched as typed.
  if (text.includes('"')) return [];
  const { found, rest } = matchVocabulary(text, vocabulary);
  const groups = found.map(({ phrase, meanings }) => [
    ...new Set([phrase, ...meanings.flatMap(meaningTexts)].map((t) => t.toLowerCase())),
  ]);
  let words = rest;
  for (const citation of findCitations(rest).reverse()) {
    groups.push(citation.sections);
    words = `${words.slice(0, citation.start)} ${words.slice(citation.end)}`;
  }
  for (const word of dropFiller(
    words
      .replace(/[^\p{L}\p{N}.'-]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ).split(' ')) {
    const clean = word.replace(/^[.'-]+|[.'-]+$/g, '').toLowerCase();
    if (!clean || FILLER.has(clean)) continue;
    // A number word or its digits: "ten years" finds "10 years" too.
    const digits = digitsOf(clean);
    const spelled = NUMBER_WORDS.find(([, d]) => d === clean)?.[0];
    groups.push([clean, ...(digits ? [digits] : []), ...(spelled ? [spelled] : [])]);
  }
  return groups;
}
