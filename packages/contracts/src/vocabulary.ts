/** Fixed vocabularies (the editable taxonomy of offense types and consequences lives in the database). */

export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PRACTICES = ['criminal_defense', 'immigration', 'other'] as const;
export type Practice = (typeof PRACTICES)[number];

export const DOCUMENT_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const AUDIENCES = ['defense', 'immigration', 'both'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const DOCUMENT_KINDS = {
  advisory: 'Practice advisory',
  treatise: 'Treatise',
  chart: 'Quick reference chart',
  checklist: 'Checklist',
  sample_filing: 'Sample filing',
  statute: 'Statute',
  regulation: 'Regulation',
  court_opinion: 'Court opinion',
  agency_decision: 'Agency decision',
  policy_manual: 'Policy manual',
  offense_entry: 'Offense entry (chart row)',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_KIND_CODES = Object.keys(DOCUMENT_KINDS) as DocumentKind[];
export const PRIMARY_SOURCE_KINDS: DocumentKind[] = [
  'statute',
  'regulation',
  'court_opinion',
  'agency_decision',
  'policy_manual',
];

const STATES: Record<string, string> = {
  al: 'Alabama',
  ak: 'Alaska',
  az: 'Arizona',
  ar: 'Arkansas',
  ca: 'California',
  co: 'Colorado',
  ct: 'Connecticut',
  de: 'Delaware',
  dc: 'District of Columbia',
  fl: 'Florida',
  ga: 'Georgia',
  hi: 'Hawaii',
  id: 'Idaho',
  il: 'Illinois',
  in: 'Indiana',
  ia: 'Iowa',
  ks: 'Kansas',
  ky: 'Kentucky',
  la: 'Louisiana',
  me: 'Maine',
  md: 'Maryland',
  ma: 'Massachusetts',
  mi: 'Michigan',
  mn: 'Minnesota',
  ms: 'Mississippi',
  mo: 'Missouri',
  mt: 'Montana',
  ne: 'Nebraska',
  nv: 'Nevada',
  nh: 'New Hampshire',
  nj: 'New Jersey',
  nm: 'New Mexico',
  ny: 'New York',
  nc: 'North Carolina',
  nd: 'North Dakota',
  oh: 'Ohio',
  ok: 'Oklahoma',
  or: 'Oregon',
  pa: 'Pennsylvania',
  pr: 'Puerto Rico',
  ri: 'Rhode Island',
  sc: 'South Carolina',
  sd: 'South Dakota',
  tn: 'Tennessee',
  tx: 'Texas',
  ut: 'Utah',
  vt: 'Vermont',
  va: 'Virginia',
  wa: 'Washington',
  wv: 'West Virginia',
  wi: 'Wisconsin',
  wy: 'Wyoming',
};

const ORDINALS = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th', '10th', '11th'];

/** Jurisdiction codes: `federal`, circuits `cir-1`…`cir-11` and `cir-dc`, states `us-xx`. */
export const JURISDICTIONS: Record<string, string> = {
  federal: 'Federal',
  ...Object.fromEntries(ORDINALS.map((ordinal, i) => [`cir-${i + 1}`, `${ordinal} Circuit`])),
  'cir-dc': 'D.C. Circuit',
  ...Object.fromEntries(Object.entries(STATES).map(([code, name]) => [`us-${code}`, name])),
};
export const JURISDICTION_CODES = Object.keys(JURISDICTIONS);

export const ROLE_LABELS: Record<Role, string> = { reader: 'Reader', editor: 'Editor', admin: 'Admin' };
export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
  archived: 'Archived',
};
export const AUDIENCE_LABELS: Record<Audience, string> = {
  defense: 'Criminal defense',
  immigration: 'Immigration',
  both: 'Defense and immigration',
};
