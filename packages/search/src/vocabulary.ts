import { JURISDICTIONS } from '@kb/contracts';
import { canonicalCitation, findCitations } from './citations';
import type { Alias } from './settings';

export const PHRASE_KINDS = ['abbreviation', 'lay_term', 'offense_name'] as const;
export type PhraseKind = (typeof PHRASE_KINDS)[number];

/**
 * One entry of the lawyer's vocabulary: what practitioners type ("CMT", "ICE hold",
 * "joyriding") and what the guidance calls it ("crime involving moral turpitude",
 * "immigration detainer", "VC 10851"). The search matches the meanings as well as the phrase.
 */
export interface LawyerPhrase {
  kind: PhraseKind;
  phrase: string;
  meanings: string[];
}

/** Everything the search reads from the vocabulary: abbreviation pairs and the lawyer's phrases. */
export interface SearchVocabulary {
  aliases: Alias[];
  phrases: LawyerPhrase[];
}

type ReadonlyVocabulary = { aliases: readonly Alias[]; phrases: readonly LawyerPhrase[] };

const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * What the index is asked for one phrase or meaning: a citation becomes its canonical key (the
 * index holds keys, not the many ways to write a citation), anything else its lower-case words.
 */
export function synonymTerm(text: string): string {
  const trimmed = text.trim();
  const [only] = findCitations(trimmed);
  if (only && only.start === 0 && only.end >= trimmed.replace(/[\s.,;]+$/, '').length) {
    return canonicalCitation(trimmed) ?? normalize(trimmed);
  }
  return normalize(trimmed);
}

/**
 * The single query word a multi-word phrase is asked as ("ICE hold" → "kbvicehold"). Asked
 * word by word, "ICE" and "hold" would each match unrelated text ("U visa": every "U.S.C.");
 * as one word it matches only what the phrase means (and the phrase itself, as a synonym).
 * A one-word phrase is asked as typed.
 */
export function phraseToken(phrase: string): string | null {
  // "non-LPR" is two words too: the index reads "non" and "LPR" apart.
  const words = normalize(phrase)
    .split(/[\s-]+/)
    .filter(Boolean);
  if (words.length < 2) return null;
  return `kbv${words.join('').replace(/[^a-z0-9]/g, '')}`;
}

/**
 * Adds the lawyer's phrases to index synonyms as one-way synonyms (the phrase finds its
 * meanings; "petty theft" does not become "shoplifting"). A meaning that is itself an
 * abbreviation or a term of art brings its equivalents along: "CMT" → "CIMT" also finds
 * "crime involving moral turpitude". Meilisearch synonyms are not transitive, so this is done here.
 */
export function addPhraseSynonyms(
  synonyms: Record<string, string[]>,
  phrases: readonly LawyerPhrase[],
): Record<string, string[]> {
  const result = new Map<string, Set<string>>(Object.entries(synonyms).map(([k, v]) => [k, new Set(v)]));
  for (const { phrase, meanings } of phrases) {
    const token = phraseToken(phrase);
    const key = token ?? synonymTerm(phrase);
    if (!key) continue;
    const set = result.get(key) ?? new Set<string>();
    if (token) set.add(normalize(phrase));
    for (const meaning of meanings) {
      const term = synonymTerm(meaning);
      if (!term || term === key) continue;
      set.add(term);
      for (const equivalent of synonyms[term] ?? []) if (equivalent !== key) set.add(equivalent);
    }
    if (set.size > 0) result.set(key, set);
  }
  return Object.fromEntries(
    [...result.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, set]) => [k, [...set].sort()]),
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of a phrase as a pattern: any spacing or hyphens, an optional plural "s" on the last word. */
const phraseWords = (phrase: string) =>
  `${phrase
    .trim()
    .split(/[\s-]+/)
    .map((word) => escapeRegExp(word))
    .join('[\\s-]+')}(?:e?s)?`;

/** A phrase in a query: whole words (see phraseWords). */
const phraseInQuery = (phrase: string) => new RegExp(`(?<![\\w&])${phraseWords(phrase)}(?![\\w&])`, 'i');

const ORDINAL_WORDS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
];
const ORDINALS = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th', '10th', '11th'];

/** The short forms lawyers use for the states that have guidance in practice. */
const STATE_ABBREVIATIONS: Record<string, string[]> = {
  'us-ca': ['Cal.', 'Calif.'],
  'us-ny': ['N.Y.'],
  'us-tx': ['Tex.'],
  'us-fl': ['Fla.'],
  'us-il': ['Ill.'],
  'us-az': ['Ariz.'],
  'us-wa': ['Wash.'],
  'us-nj': ['N.J.'],
  'us-ma': ['Mass.'],
  'us-pa': ['Pa.'],
  'us-ga': ['Ga.'],
};

/**
 * The ways a jurisdiction is named: "California", "Cal."; "9th Cir.", "Ninth Circuit", "CA9".
 * Indexed with each document's jurisdictions, so naming one in a query ranks its guidance first.
 */
export function jurisdictionNames(code: string): string[] {
  const label = JURISDICTIONS[code];
  if (!label) return [];
  const circuit = /^cir-(\d+)$/.exec(code);
  if (circuit) {
    const n = Number(circuit[1]);
    return [label, `${ORDINALS[n - 1]} Cir.`, `${ORDINAL_WORDS[n - 1]} Circuit`.replace(/^./, (c) => c.toUpperCase())];
  }
  if (code === 'cir-dc') return [label, 'D.C. Cir.'];
  if (code === 'federal') return [];
  return [label, ...(STATE_ABBREVIATIONS[code] ?? [])];
}

/**
 * The one word a jurisdiction is indexed and asked as ("kbjusca", "kbjcir9"): a jurisdiction
 * named in a query ranks its guidance first without matching documents that merely mention it.
 */
export const jurisdictionToken = (code: string) => `kbj${code.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;

interface JurisdictionPattern {
  code: string;
  pattern: RegExp;
}

let jurisdictionPatterns: JurisdictionPattern[] | undefined;

function compiledJurisdictions(): JurisdictionPattern[] {
  jurisdictionPatterns ??= Object.keys(JURISDICTIONS).flatMap((code) => {
    const names = jurisdictionNames(code);
    const circuit = /^cir-(\d+)$/.exec(code);
    const extra = circuit
      ? [
          `ca${circuit[1]}`,
          `${ORDINALS[Number(circuit[1]) - 1]} circuit`,
          `${ORDINAL_WORDS[Number(circuit[1]) - 1]} cir.`,
        ]
      : // "federal" in a query ("PWID cocaine federal") asks for federal law first; it is not
        // indexed as a name (every document says "federal" somewhere), only as the token.
        code === 'federal'
        ? ['federal']
        : [];
    return [...names, ...extra].map((name) => ({
      code,
      // "Cal." must not match "Calendar"; a trailing dot is optional ("9th Cir" = "9th Cir.").
      pattern: new RegExp(
        `(?<![\\w.])${name
          .split(/\s+/)
          .map((w) => escapeRegExp(w.replace(/\.$/, '')) + (w.endsWith('.') ? '\\.?' : ''))
          .join('\\s*')}(?![\\w])`,
        'i',
      ),
    }));
  });
  // Longest names first: "West Virginia" is not read as "Virginia".
  jurisdictionPatterns.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
  return jurisdictionPatterns;
}

/** Jurisdiction codes named in a query ("California", "Cal. Penal Code", "9th Cir."). */
export function detectJurisdictions(query: string): string[] {
  return extractJurisdictions(query).codes;
}

/** The jurisdictions named in a query, and the query without their names. */
export function extractJurisdictions(query: string): { codes: string[]; rest: string } {
  const codes = new Set<string>();
  let rest = query;
  for (const { code, pattern } of compiledJurisdictions()) {
    const global = new RegExp(pattern.source, 'gi');
    if (!global.test(rest)) continue;
    codes.add(code);
    rest = rest.replace(global, ' ');
  }
  return { codes: [...codes], rest };
}

export interface UnderstoodQuery {
  /** Citations recognized, as typed. */
  citations: string[];
  /** Vocabulary phrases recognized, with what they were read as. */
  phrases: Array<{ phrase: string; meanings: string[] }>;
  /** Jurisdictions named in the query (codes). */
  jurisdictions: string[];
}

/**
 * The vocabulary's phrases and abbreviations found in a query, longest first ("green card holder"
 * is found, not also "green card"), and the query's text without them.
 */
export function matchVocabulary(
  query: string,
  vocabulary: SearchVocabulary,
): { found: Array<{ phrase: string; meanings: string[] }>; rest: string } {
  const found: Array<{ phrase: string; meanings: string[] }> = [];
  const seen = new Set<string>();
  const candidates = [...vocabulary.phrases].sort((a, b) => b.phrase.length - a.phrase.length);
  let rest = query;
  for (const entry of candidates) {
    const pattern = new RegExp(phraseInQuery(entry.phrase).source, 'gi');
    if (seen.has(entry.phrase.toLowerCase()) || !pattern.test(rest)) continue;
    seen.add(entry.phrase.toLowerCase());
    found.push({ phrase: entry.phrase, meanings: entry.meanings });
    rest = rest.replace(pattern, ' ');
  }
  for (const [short, long] of vocabulary.aliases) {
    const known = found.find((f) => f.phrase.toLowerCase() === short.toLowerCase());
    if (known) {
      if (!known.meanings.includes(long)) known.meanings = [...known.meanings, long];
      continue;
    }
    // Case matters for a short form: "CAT" is the Convention Against Torture, "cat" is not.
    const pattern = new RegExp(`(?<![\\w&])${escapeRegExp(short)}(?![\\w&])`, 'g');
    if (pattern.test(rest)) {
      found.push({ phrase: short, meanings: [long] });
      rest = rest.replace(pattern, ' ');
    }
  }
  return { found, rest };
}

/** Words that deny the status named after them: "not a green card holder", "non-LPR", "no longer an LPR". */
const NEGATION = String.raw`(?:not|isn'?t|wasn'?t|never(?:\s+been)?|no\s+longer|non|without|no)(?:\s+(?:a|an|the|yet|even|been))*[\s-]*`;

const negations = new WeakMap<object, Array<{ pattern: RegExp; negative: string }>>();

/**
 * The short form a vocabulary phrase is known by: an abbreviation is its own ("LPR"); a lay
 * term takes the abbreviation among its meanings ("green card holder" → "LPR"); a spelled-out
 * term of art its alias ("lawful permanent resident" → "LPR").
 */
function shortForms(vocabulary: ReadonlyVocabulary): Array<{ text: string; short: string }> {
  const isShort = (text: string) => /^[A-Z][A-Z0-9&]{1,7}$/.test(text);
  return [
    ...vocabulary.aliases.flatMap(([short, long]) => [
      { text: short, short },
      { text: long, short },
    ]),
    ...vocabulary.phrases.flatMap((p) => {
      const short = isShort(p.phrase) ? p.phrase : p.meanings.find(isShort);
      return short ? [{ text: p.phrase, short }] : [];
    }),
  ];
}

function compiledNegations(vocabulary: ReadonlyVocabulary) {
  const key = vocabulary.phrases.length > 0 ? vocabulary.phrases : vocabulary.aliases;
  let compiled = negations.get(key);
  if (!compiled) {
    // Only a status the vocabulary has a negative phrase for ("non-LPR"): "not a CIMT" stays
    // as typed, the guidance saying why something is not a CIMT is the answer to it.
    const negativeOf = new Map<string, string>();
    for (const p of vocabulary.phrases) {
      const m = /^non[\s-]*(.+)$/i.exec(p.phrase.trim());
      if (m?.[1]) negativeOf.set(m[1].toLowerCase(), p.phrase);
    }
    compiled = shortForms(vocabulary)
      .flatMap(({ text, short }) => {
        const negative = negativeOf.get(short.toLowerCase());
        if (!negative || normalize(text) === normalize(negative)) return [];
        const pattern = new RegExp(`(?<![\\w&])${NEGATION}${phraseWords(text)}(?![\\w&])`, 'gi');
        return [{ pattern, negative, length: text.length }];
      })
      .sort((a, b) => b.length - a.length)
      .map(({ pattern, negative }) => ({ pattern, negative }));
    negations.set(key, compiled);
  }
  return compiled;
}

/**
 * A status denied in a query, read as the negative status the vocabulary names: "not a green
 * card holder", "no longer an LPR", "non LPR" → "non-LPR". Without this, the status asked
 * about would be the one the client does not have.
 */
export function rewriteNegatedStatus(query: string, vocabulary: ReadonlyVocabulary): string {
  let text = query;
  for (const { pattern, negative } of compiledNegations(vocabulary)) text = text.replace(pattern, negative);
  return text;
}

/** What the search understood in a query: shown to the reader, so a surprising result is explained. */
export function understandQuery(query: string, vocabulary: SearchVocabulary): UnderstoodQuery {
  const citations = findCitations(query).map((c) => query.slice(c.start, c.end).trim());
  const { found } = matchVocabulary(rewriteNegatedStatus(query, vocabulary), vocabulary);
  return { citations, phrases: found, jurisdictions: detectJurisdictions(query) };
}

const rewrites = new WeakMap<readonly LawyerPhrase[], Array<{ pattern: RegExp; token: string }>>();

/** Replaces the multi-word phrases of the vocabulary in a query by their tokens, longest first. */
export function rewritePhrases(text: string, phrases: readonly LawyerPhrase[]): { text: string; tokens: string[] } {
  let compiled = rewrites.get(phrases);
  if (!compiled) {
    compiled = [...phrases]
      .sort((a, b) => b.phrase.length - a.phrase.length)
      .flatMap((p) => {
        const token = phraseToken(p.phrase);
        return token ? [{ pattern: new RegExp(phraseInQuery(p.phrase).source, 'gi'), token }] : [];
      });
    rewrites.set(phrases, compiled);
  }
  const tokens: string[] = [];
  let rewritten = text;
  for (const { pattern, token } of compiled) {
    rewritten = rewritten.replace(pattern, () => {
      tokens.push(token);
      return ` ${token} `;
    });
  }
  return { text: rewritten, tokens };
}

/** Whether the query's last word is a complete vocabulary word or phrase token (so it is not read as a prefix). */
export function endsWithPhrase(text: string, phrases: readonly LawyerPhrase[]): boolean {
  const last = normalize(text).split(' ').at(-1) ?? '';
  if (last.startsWith('kbv')) return true;
  return phrases.some((p) => normalize(p.phrase) === last);
}
