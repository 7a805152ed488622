/**
 * Citation normalization, shared by indexing and querying so that the forms lawyers write
 * ("8 U.S.C. § 1101(a)(43)(G)", "INA § 101(a)(43)(G)", "PC 273.5", "273.5 PC",
 * "Cal. Health & Safety Code § 11350", "H&S 11350") meet on one canonical key.
 *
 * A key is a single search token: a code prefix, the section ('.' → 'd'), each subsection
 * as 'p' + value, and a closing 'z' so that Meilisearch's prefix matching on the last
 * query word cannot turn "PC 27" into "PC 273.5".
 */

/**
 * The version of the keys this module derives. Keys are stored (chart rows' statutes, citation
 * watches, the citation graph, the search index): a change that alters any key bumps it, and the
 * API re-derives them all at its next start. 2: Illinois sections keep their hyphen
 * (5/16-1 is not 5/16-25), and Texas Health & Safety Code is not California's.
 */
export const CITATION_KEY_SCHEME = 2;

/** INA section → 8 U.S.C. section, for the provisions crimmigration practice cites. */
const INA_TO_USC: Record<string, string> = {
  '101': '1101',
  '103': '1103',
  '208': '1158',
  '209': '1159',
  '212': '1182',
  '214': '1184',
  '216': '1186a',
  '235': '1225',
  '236': '1226',
  '237': '1227',
  '238': '1228',
  '239': '1229',
  '240': '1229a',
  '240a': '1229b',
  '240b': '1229c',
  '241': '1231',
  '242': '1252',
  '244': '1254a',
  '245': '1255',
  '274': '1324',
  '274c': '1324c',
  '275': '1325',
  '276': '1326',
  '316': '1427',
  '318': '1429',
  '320': '1431',
  '340': '1451',
};

interface Pattern {
  regex: RegExp;
  /** Builds the code prefix from the match; null skips the match. */
  code: (match: RegExpExecArray) => string | null;
  sectionGroup: number;
  subsGroup: number;
  /** Maps the section number (e.g. INA → U.S.C.). */
  section?: (section: string) => string | null;
  /** Builds the subsections from the match, when they are not written in parentheses after the section. */
  subsections?: (match: RegExpExecArray) => string[];
}

const SEC = String.raw`(?:§§?|sec(?:tion)?s?\.?|s\.)?\s*`;
const SUBS = String.raw`((?:\s?\([a-zA-Z0-9]{1,4}\))*)`;
const NUM = String.raw`(\d+(?:\.\d+)*[a-zA-Z]?)`;

const PATTERNS: Pattern[] = [
  {
    regex: new RegExp(
      String.raw`\b(\d{1,2})\s*U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?\s*${SEC}(\d+[a-zA-Z]?(?:-\d+)?)${SUBS}`,
      'gi',
    ),
    code: (m) => `usc${m[1]}s`,
    sectionGroup: 2,
    subsGroup: 3,
  },
  {
    regex: new RegExp(String.raw`\bINA\s*${SEC}(\d{3}[a-zA-Z]?)${SUBS}`, 'gi'),
    code: () => 'usc8s',
    sectionGroup: 1,
    subsGroup: 2,
    section: (s) => INA_TO_USC[s.toLowerCase()] ?? null,
  },
  {
    regex: new RegExp(String.raw`\b(\d{1,2})\s*C\.?\s?F\.?\s?R\.?\s*(?:§§?|part)?\s*(\d+(?:\.\d+)?)${SUBS}`, 'gi'),
    code: (m) => `cfr${m[1]}s`,
    sectionGroup: 2,
    subsGroup: 3,
  },
  {
    regex: new RegExp(String.raw`\bN\.?\s?Y\.?\s*Penal\s+Law\s*${SEC}${NUM}${SUBS}`, 'gi'),
    code: () => 'nypl',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    // New York's short form: "PL § 155.25", "NY PL 220.03" (sections always have a dot).
    regex: new RegExp(String.raw`\b(?:N\.?\s?Y\.?\s*)?P\.?L\.?\s*${SEC}(\d{2,3}\.\d{2})${SUBS}`, 'g'),
    code: () => 'nypl',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    regex: new RegExp(String.raw`\bTex(?:as|\.)?\s*Penal\s+Code(?:\s+Ann\.)?\s*${SEC}${NUM}${SUBS}`, 'gi'),
    code: () => 'txpc',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    regex: new RegExp(String.raw`\bFla\.?\s*Stat(?:utes|\.)?(?:\s+Ann\.)?\s*${SEC}${NUM}${SUBS}`, 'gi'),
    code: () => 'flst',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    // "720 ILCS 5/16-1", "5/12-3.2", "625 ILCS 5/11-501": the section is article-section.
    regex: new RegExp(
      String.raw`\b(\d{3})\s*ILCS\s*(\d+)\s*/\s*(\d+(?:\.\d+)*(?:-\d+(?:\.\d+)*)?[a-zA-Z]?)${SUBS}`,
      'gi',
    ),
    code: (m) => `il${m[1]}c${m[2]}s`,
    sectionGroup: 3,
    subsGroup: 4,
  },
  {
    // Before California's, whose pattern would read "Health & Safety Code" inside this one.
    regex: new RegExp(
      String.raw`\bTex(?:as|\.)?\s*Health\s*(?:&|and)\s*Saf(?:ety|\.)\s*Code(?:\s+Ann\.)?\s*${SEC}${NUM}${SUBS}`,
      'gi',
    ),
    code: () => 'txhs',
    sectionGroup: 1,
    subsGroup: 2,
  },
  // California codes: full names and the practitioners' short forms, before or after the number.
  {
    regex: new RegExp(
      String.raw`\b(?:Cal(?:ifornia|\.)?\s*)?Health\s*(?:&|and)\s*Saf(?:ety|\.)\s*Code\s*${SEC}${NUM}${SUBS}`,
      'gi',
    ),
    code: () => 'cahs',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    // Two digits and up: "H&S 113" is the start of 11350, 11351, 11377 (a partial citation).
    regex: new RegExp(String.raw`\b(?:H\.?\s?&\s?S\.?|HS|HSC)\s*(?:Code\s*)?${SEC}(\d{2,5}(?:\.\d+)?)${SUBS}`, 'gi'),
    code: () => 'cahs',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    regex: new RegExp(String.raw`\b(\d{4,5}(?:\.\d+)?)${SUBS}\s*(?:H\.?\s?&\s?S\.?|HS|HSC)(?![a-z&])`, 'gi'),
    code: () => 'cahs',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    regex: new RegExp(String.raw`\b(?:Cal(?:ifornia|\.)?\s*)?Veh(?:icle|\.)\s*Code\s*${SEC}${NUM}${SUBS}`, 'gi'),
    code: () => 'cavc',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    regex: new RegExp(String.raw`\bV\.?C\.?\s*${SEC}(\d{2,5}(?:\.\d+)?)${SUBS}`, 'g'),
    code: () => 'cavc',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    regex: new RegExp(String.raw`\b(?:Cal(?:ifornia|\.)?\s*)?Penal\s+Code\s*${SEC}${NUM}${SUBS}`, 'gi'),
    code: () => 'capc',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    // "PC 273a": a letter suffix is part of the section (273a is not 273).
    regex: new RegExp(String.raw`\bP\.?\s?C\.?\s*${SEC}(\d{2,5}(?:\.\d+)?[a-zA-Z]?)(?![a-zA-Z])${SUBS}`, 'g'),
    code: () => 'capc',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    regex: new RegExp(String.raw`\b(\d{2,5}(?:\.\d+)?[a-zA-Z]?)${SUBS}\s*P\.?\s?C\.?(?![a-zA-Z])`, 'g'),
    code: () => 'capc',
    sectionGroup: 1,
    subsGroup: 2,
  },
  // The aggravated felony subparagraphs by letter, as practitioners write them: "AF (G)", "AF(M)"
  // are INA § 101(a)(43)(G), (M) (8 U.S.C. § 1101(a)(43)).
  {
    regex: /\bAF\s?\(([A-Ua-u])\)/g,
    code: () => 'usc8s',
    sectionGroup: 1,
    subsGroup: 1,
    section: () => '1101',
    subsections: (m) => ['a', '43', (m[1] ?? '').toUpperCase()],
  },
  // Bare sections, as practitioners half-type them: "1101(a)(43)(G)", "§ 1326" (8 U.S.C.: its
  // chapter 12 runs from 1101 to 1537), "212(c)", "237(a)(2)(E)" (INA sections with a subsection;
  // a bare 245 is left alone: PC 245(a)(1) is as likely). The subsection follows at once: in
  // "899 F.3d 1101 (2018)" there is none.
  {
    regex: /(?:§§?\s*|\bsec(?:tion)?\.?\s+)?\b(1[1-5]\d\d[a-z]?)(\([a-zA-Z0-9]{1,3}\)(?:\s?\([a-zA-Z0-9]{1,4}\))*)/gi,
    code: () => 'usc8s',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    regex: new RegExp(String.raw`§§?\s*(1[1-5]\d\d[a-z]?)\b${SUBS}`, 'gi'),
    code: () => 'usc8s',
    sectionGroup: 1,
    subsGroup: 2,
  },
  {
    regex: /(?:§§?\s*|\bsec(?:tion)?\.?\s+)?\b(\d{3}[a-zA-Z]?)(\([a-zA-Z0-9]{1,3}\)(?:\s?\([a-zA-Z0-9]{1,4}\))*)/gi,
    code: () => 'usc8s',
    sectionGroup: 1,
    subsGroup: 2,
    section: (s) => (s === '245' ? null : (INA_TO_USC[s.toLowerCase()] ?? null)),
  },
];

/**
 * Subsections typed without parentheses after a section: "8 USC 1227 a 2 E", "PC 243 e 1". Taken
 * when there are two or more, or one ending the query ("PC 273.5 a"); "PC 459 a burglary" is not one.
 */
const SPACED_SUBSECTIONS = /^((?:\s+(?:[a-zA-Z]|[ivxIVX]{2,4}|\d{1,3})(?=\s|$)){1,6})/;

export interface FoundCitation {
  /** Keys from the broadest (the section) to the most specific (the last subsection). */
  keys: string[];
  /** The section number as written and, when it differs, as codified ("101" and "1101" for INA § 101). */
  sections: string[];
  /** The code and section part of the keys ("usc8s1101") and the subsections as written ("a", "43", "G"). */
  base: string;
  subsections: string[];
  start: number;
  end: number;
}

const baseKey = (code: string, section: string) =>
  code +
  section
    .toLowerCase()
    .replace(/\./g, 'd')
    // A hyphen separates numbers that are not one number: 16-1 is not 161.
    .replace(/-/g, 'h')
    .replace(/[^a-z0-9]/g, '');

/** The keys of a provision and of each enclosing one: "usc8s1101z", "usc8s1101paz", "usc8s1101pap43z"… */
export function provisionKeys(base: string, subsections: readonly string[]): string[] {
  const keys = [`${base}z`];
  let current = base;
  for (const part of subsections) {
    current += `p${part.toLowerCase()}`;
    keys.push(`${current}z`);
  }
  return keys;
}

const subsectionsOf = (subs: string) => [...subs.matchAll(/\(([a-zA-Z0-9]{1,4})\)/g)].map((m) => m[1] ?? '');

/** The spaced subsections following a citation at `end`, and where they stop. */
function spacedSubsections(text: string, end: number): { parts: string[]; end: number } | null {
  const m = SPACED_SUBSECTIONS.exec(text.slice(end));
  if (!m?.[1]) return null;
  const parts = m[1].trim().split(/\s+/);
  const stop = end + m[1].length;
  if (parts.length < 2 && text.slice(stop).trim() !== '') return null;
  return { parts, end: stop };
}

/** Every citation in `text`, left to right; a span claimed by one pattern is not read again. */
export function findCitations(text: string): FoundCitation[] {
  const claimed: Array<[number, number]> = [];
  const found: FoundCitation[] = [];
  for (const pattern of PATTERNS) {
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m; m = pattern.regex.exec(text)) {
      const start = m.index;
      let end = start + m[0].length;
      if (claimed.some(([s, e]) => start < e && end > s)) continue;
      const code = pattern.code(m);
      const rawSection = m[pattern.sectionGroup] ?? '';
      const section = pattern.section ? pattern.section(rawSection) : rawSection;
      if (!code || !section) continue;
      let subsections = pattern.subsections ? pattern.subsections(m) : subsectionsOf(m[pattern.subsGroup] ?? '');
      const spaced = subsections.length === 0 ? spacedSubsections(text, end) : null;
      if (spaced && !claimed.some(([s, e]) => end < e && spaced.end > s)) {
        subsections = spaced.parts;
        end = spaced.end;
      }
      claimed.push([start, end]);
      const base = baseKey(code, section);
      found.push({
        keys: provisionKeys(base, subsections),
        sections: pattern.subsections ? [section] : [...new Set([rawSection, section])],
        base,
        subsections,
        start,
        end,
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** All keys of all citations in the texts, each with its ancestors, deduplicated. */
export function citationKeys(...texts: Array<string | null | undefined>): string[] {
  const keys = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const citation of findCitations(text)) for (const key of citation.keys) keys.add(key);
  }
  return [...keys];
}

/** The canonical key of one citation string, or null when it is not a recognised citation. */
export function canonicalCitation(text: string): string | null {
  const [first] = findCitations(text);
  return first?.keys.at(-1) ?? null;
}

/**
 * The key a chart row's statute is stored under: its canonical citation key, or for a
 * citation the module does not know, its text reduced to letters and digits ("raw:…"), so
 * that the same statute written the same way still meets itself.
 */
export function statuteKey(statute: string): string {
  return canonicalCitation(statute) ?? `raw:${statute.toLowerCase().replace(/[^a-z0-9]+/g, '')}`;
}

/** The section a statute belongs to, without subsections: "PC 273.5(a)" → "capc273d5z" (null when unrecognised). */
export function statuteSectionKey(statute: string): string | null {
  const [first] = findCitations(statute);
  return first?.keys[0] ?? null;
}

/**
 * Rewrites a query so its citations become canonical keys: the citation's parent key first
 * and its own key after, so that with Meilisearch's "last" matching strategy documents citing
 * the exact subsection come first, then those citing the enclosing provision.
 */
export function rewriteCitationQuery(query: string): { text: string; keys: string[] } {
  const citations = findCitations(query);
  if (citations.length === 0) return { text: query, keys: [] };
  let rest = '';
  let cursor = 0;
  const keys: string[] = [];
  for (const citation of citations) {
    rest += `${query.slice(cursor, citation.start)} `;
    cursor = citation.end;
    const own = citation.keys.at(-1);
    const parent = citation.keys.at(-2);
    if (parent) keys.push(parent);
    if (own) keys.push(own);
  }
  rest += query.slice(cursor);
  const text = rest.replace(/\s+/g, ' ').trim();
  return { text: [...keys, text].filter(Boolean).join(' '), keys };
}
