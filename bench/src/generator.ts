import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ImportRecord, toImportRecord } from '@kb/api/testing';
import { seedDataFolder } from '@kb/db';
import { Random } from './random';

/**
 * A deterministic generator of realistic crimmigration documents: practice advisories,
 * treatises, charts, checklists, filings and primary sources of 5–40 sections, with the
 * citations lawyers write in their many forms, offense-type and consequence tags skewed the
 * way a real library is (drug and theft offenses dominate, money laundering is rare),
 * jurisdictions (federal and California first), publishers, authors and dates.
 *
 * All organizations and people are fictional; the text is sample content, not legal advice.
 */

type Jur = 'fed' | 'ca' | 'ny' | 'tx' | 'fl' | 'any';

interface OffenseProfile {
  code: string;
  weight: number;
  /** What the offense is called in text and titles. */
  nouns: string[];
  /** Statutes, tagged with the jurisdiction whose code they belong to. */
  citations: Array<[Jur, string]>;
  /** Consequence codes with the probability that a document about this offense is tagged so. */
  consequences: Array<[string, number]>;
}

const OFFENSES: OffenseProfile[] = [
  {
    code: 'controlled-substances',
    weight: 22,
    nouns: [
      'possession of a controlled substance',
      'possession for sale',
      'transportation for sale',
      'possession of drug paraphernalia',
      'methamphetamine possession',
      'simple possession of marijuana',
      'sale of cocaine base',
    ],
    citations: [
      ['ca', 'H&S 11350'],
      ['ca', 'Cal. Health & Safety Code § 11350(a)'],
      ['ca', 'HS 11377'],
      ['ca', 'H&S 11351'],
      ['ca', 'Cal. Health & Safety Code § 11379'],
      ['ca', '11364 H&S'],
      ['ny', 'N.Y. Penal Law § 220.03'],
      ['tx', 'Tex. Health & Safety Code § 481.115'],
      ['fl', 'Fla. Stat. § 893.13(6)(a)'],
      ['fed', '21 U.S.C. § 841(a)(1)'],
      ['fed', '21 U.S.C. § 844(a)'],
    ],
    consequences: [
      ['cso-deportability', 0.7],
      ['cso-inadmissibility', 0.65],
      ['af-b-drug-trafficking', 0.45],
      ['cso-reason-to-believe', 0.3],
      ['mandatory-detention', 0.25],
      ['bar-cancellation', 0.15],
    ],
  },
  {
    code: 'theft-burglary',
    weight: 15,
    nouns: [
      'petty theft',
      'grand theft',
      'burglary',
      'residential burglary',
      'receiving stolen property',
      'shoplifting',
      'theft of services',
    ],
    citations: [
      ['ca', 'PC 484'],
      ['ca', 'PC 488'],
      ['ca', 'Cal. Penal Code § 459'],
      ['ca', '459 PC'],
      ['ca', 'PC 496(a)'],
      ['ca', 'Cal. Penal Code § 487(a)'],
      ['ny', 'N.Y. Penal Law § 155.25'],
      ['tx', 'Tex. Penal Code § 31.03'],
      ['fl', 'Fla. Stat. § 812.014'],
      ['fed', '18 U.S.C. § 641'],
    ],
    consequences: [
      ['cimt-deportability', 0.45],
      ['cimt-inadmissibility', 0.45],
      ['cimt-petty-offense', 0.35],
      ['af-g-theft-burglary', 0.5],
    ],
  },
  {
    code: 'violence',
    weight: 14,
    nouns: [
      'assault with a deadly weapon',
      'battery with serious bodily injury',
      'criminal threats',
      'robbery',
      'aggravated assault',
      'simple assault',
    ],
    citations: [
      ['ca', 'PC 245(a)(1)'],
      ['ca', 'Cal. Penal Code § 245(a)(4)'],
      ['ca', 'PC 243(d)'],
      ['ca', '422 PC'],
      ['ca', 'PC 211'],
      ['ny', 'N.Y. Penal Law § 120.05'],
      ['tx', 'Tex. Penal Code § 22.01'],
      ['fed', '18 U.S.C. § 16(a)'],
    ],
    consequences: [
      ['af-f-crime-of-violence', 0.6],
      ['cimt', 0.4],
      ['deportability', 0.3],
    ],
  },
  {
    code: 'domestic-violence',
    weight: 12,
    nouns: [
      'corporal injury to a spouse',
      'domestic battery',
      'violation of a protective order',
      'stalking',
      'child abuse',
      'child endangerment',
    ],
    citations: [
      ['ca', 'PC 273.5'],
      ['ca', 'Cal. Penal Code § 273.5(a)'],
      ['ca', '273.5 PC'],
      ['ca', 'PC 243(e)(1)'],
      ['ca', 'PC 273.6'],
      ['ca', 'PC 646.9'],
      ['fed', 'INA § 237(a)(2)(E)'],
      ['fed', '8 U.S.C. § 1227(a)(2)(E)(i)'],
    ],
    consequences: [
      ['dv-deportability', 0.8],
      ['af-f-crime-of-violence', 0.4],
      ['cimt', 0.3],
    ],
  },
  {
    code: 'fraud-forgery-tax',
    weight: 8,
    nouns: ['forgery', 'identity theft', 'welfare fraud', 'tax evasion', 'false statements', 'check fraud'],
    citations: [
      ['ca', 'PC 470'],
      ['ca', 'PC 530.5'],
      ['ca', 'Cal. Penal Code § 532a'],
      ['tx', 'Tex. Penal Code § 32.21'],
      ['fed', '18 U.S.C. § 1028'],
      ['fed', '26 U.S.C. § 7206(1)'],
    ],
    consequences: [
      ['af-m-fraud', 0.5],
      ['cimt', 0.7],
      ['af-r-forgery-bribery', 0.3],
    ],
  },
  {
    code: 'firearms-weapons',
    weight: 6,
    nouns: [
      'felon in possession of a firearm',
      'carrying a loaded firearm',
      'carrying a concealed weapon',
      'possession of ammunition',
    ],
    citations: [
      ['ca', 'PC 29800(a)(1)'],
      ['ca', 'PC 25850'],
      ['ca', 'PC 25400'],
      ['fed', '18 U.S.C. § 922(g)(1)'],
      ['fed', 'INA § 237(a)(2)(C)'],
    ],
    consequences: [
      ['firearms-deportability', 0.8],
      ['af-c-firearms-trafficking', 0.2],
      ['af-e-explosives-firearms', 0.2],
    ],
  },
  {
    code: 'driving',
    weight: 6,
    nouns: [
      'driving under the influence',
      'DUI with injury',
      'hit and run',
      'evading a peace officer',
      'driving on a suspended license',
    ],
    citations: [
      ['ca', 'VC 23152(a)'],
      ['ca', 'VC 23153'],
      ['ca', 'Cal. Vehicle Code § 20001'],
      ['ca', 'VC 2800.2'],
      ['tx', 'Tex. Penal Code § 49.04'],
    ],
    consequences: [
      ['cimt', 0.2],
      ['inadmissibility', 0.3],
      ['gmc-bars', 0.3],
      ['bar-daca', 0.3],
    ],
  },
  {
    code: 'sex-offenses',
    weight: 4,
    nouns: [
      'unlawful sexual intercourse',
      'lewd act on a minor',
      'solicitation of prostitution',
      'failure to register',
    ],
    citations: [
      ['ca', 'PC 261.5'],
      ['ca', 'PC 288(a)'],
      ['ca', 'PC 647(b)'],
      ['ca', 'PC 290'],
      ['fed', '18 U.S.C. § 2252'],
    ],
    consequences: [
      ['af-a-murder-rape-sam', 0.5],
      ['cimt', 0.6],
      ['prostitution-vice', 0.2],
    ],
  },
  {
    code: 'immigration-offenses',
    weight: 4,
    nouns: ['illegal reentry', 'illegal entry', 'alien smuggling', 'document fraud', 'harboring'],
    citations: [
      ['fed', '8 U.S.C. § 1326'],
      ['fed', '8 U.S.C. § 1325(a)'],
      ['fed', 'INA § 276'],
      ['fed', '18 U.S.C. § 1546'],
      ['fed', '8 U.S.C. § 1324(a)(1)(A)'],
    ],
    consequences: [
      ['af-o-illegal-reentry', 0.4],
      ['af-n-smuggling', 0.3],
      ['af-p-document-fraud', 0.3],
      ['sentencing-enhancements', 0.5],
    ],
  },
  {
    code: 'obstruction-perjury-bribery',
    weight: 3,
    nouns: ['resisting arrest', 'perjury', 'obstruction of justice', 'bribery', 'accessory after the fact'],
    citations: [
      ['ca', 'PC 148(a)(1)'],
      ['ca', 'PC 118'],
      ['ca', 'PC 32'],
      ['fed', '18 U.S.C. § 1503'],
      ['fed', '18 U.S.C. § 201'],
    ],
    consequences: [
      ['af-s-obstruction-perjury', 0.5],
      ['af-r-forgery-bribery', 0.3],
      ['cimt', 0.4],
    ],
  },
  {
    code: 'juvenile',
    weight: 2,
    nouns: ['juvenile delinquency adjudication', 'transfer to adult court', 'sealing of juvenile records'],
    citations: [
      ['ca', 'Welf. & Inst. Code § 602'],
      ['ca', 'Welf. & Inst. Code § 707'],
      ['fed', '18 U.S.C. § 5031'],
    ],
    consequences: [
      ['cimt-youthful-offender', 0.5],
      ['inadmissibility', 0.3],
      ['bar-daca', 0.3],
    ],
  },
  {
    code: 'money-laundering',
    weight: 2,
    nouns: ['money laundering', 'structuring cash deposits'],
    citations: [
      ['fed', '18 U.S.C. § 1956'],
      ['fed', '18 U.S.C. § 1957'],
      ['ca', 'PC 186.10'],
    ],
    consequences: [
      ['af-other', 0.5],
      ['af-m-fraud', 0.3],
    ],
  },
  {
    code: 'other',
    weight: 2,
    nouns: ['vandalism', 'trespass', 'disturbing the peace'],
    citations: [
      ['ca', 'PC 594'],
      ['ca', 'PC 602'],
      ['ca', 'PC 415'],
    ],
    consequences: [
      ['cimt-petty-offense', 0.3],
      ['gmc-bars', 0.2],
    ],
  },
];

/** Consequences that any document may carry, whatever the offense. */
const GENERAL_CONSEQUENCES: Array<[string, number]> = [
  ['deportability', 0.2],
  ['inadmissibility', 0.2],
  ['mandatory-detention', 0.1],
  ['bar-cancellation', 0.1],
  ['bar-asylum-withholding', 0.1],
  ['bar-adjustment', 0.08],
  ['bar-voluntary-departure', 0.04],
  ['bar-tps', 0.03],
  ['gmc-bars', 0.1],
  ['af-u-attempt-conspiracy', 0.05],
  ['af-t-failure-to-appear', 0.01],
];

const FEDERAL_CITATIONS = [
  '8 U.S.C. § 1101(a)(43)(G)',
  '8 U.S.C. § 1101(a)(43)(F)',
  '8 USC 1101(a)(43)(B)',
  'INA § 101(a)(43)(M)(i)',
  'INA § 237(a)(2)(A)(i)',
  'INA § 237(a)(2)(A)(ii)',
  'INA § 237(a)(2)(B)(i)',
  '8 U.S.C. § 1227(a)(2)(A)(iii)',
  'INA § 212(a)(2)(A)(i)(I)',
  'INA § 212(a)(2)(A)(ii)(II)',
  '8 U.S.C. § 1182(a)(2)(C)',
  'INA § 236(c)',
  '8 U.S.C. § 1229b(a)',
  '8 U.S.C. § 1229b(b)(1)',
  'INA § 208(b)(2)(A)(ii)',
  'INA § 101(f)(8)',
  'INA § 101(a)(48)(A)',
  '8 C.F.R. § 1003.1',
  '8 C.F.R. § 1240.8(d)',
  '18 U.S.C. § 924(c)',
];

const CASES = [
  'Padilla v. Kentucky, 559 U.S. 356 (2010)',
  'Moncrieffe v. Holder, 569 U.S. 184 (2013)',
  'Mellouli v. Lynch, 575 U.S. 798 (2015)',
  'Mathis v. United States, 579 U.S. 500 (2016)',
  'Descamps v. United States, 570 U.S. 254 (2013)',
  'Sessions v. Dimaya, 584 U.S. 148 (2018)',
  'Esquivel-Quintana v. Sessions, 581 U.S. 385 (2017)',
  'Pereida v. Wilkinson, 592 U.S. 224 (2021)',
  'Lee v. United States, 582 U.S. 357 (2017)',
];

const CASE_SHORT = [
  'Padilla',
  'Moncrieffe',
  'Mellouli',
  'Mathis',
  'Descamps',
  'Dimaya',
  'Esquivel-Quintana',
  'Pereida',
];

const CONSEQUENCE_PHRASES: Record<string, string[]> = {
  af: ['an aggravated felony', 'an AF', 'an aggravated felony under INA § 101(a)(43)'],
  cimt: ['a crime involving moral turpitude', 'a CIMT', 'a crime of moral turpitude'],
  cso: ['a controlled substance offense', 'a CSO', 'a deportable drug offense'],
  cov: ['a crime of violence', 'a COV under 18 U.S.C. § 16(a)'],
  dv: ['a crime of domestic violence', 'a DV offense', 'a protection-order violation'],
  firearm: ['a deportable firearms offense', 'a firearms offense'],
  psc: ['a particularly serious crime', 'a PSC'],
};

const CONSEQUENCE_FAMILY: Record<string, keyof typeof CONSEQUENCE_PHRASES> = {
  'controlled-substances': 'cso',
  'theft-burglary': 'cimt',
  violence: 'cov',
  'domestic-violence': 'dv',
  'fraud-forgery-tax': 'cimt',
  'firearms-weapons': 'firearm',
  driving: 'cimt',
  'sex-offenses': 'af',
  'immigration-offenses': 'af',
  'obstruction-perjury-bribery': 'af',
  juvenile: 'cimt',
  'money-laundering': 'af',
  other: 'cimt',
};

const JURISDICTIONS: Array<[string, number]> = [
  ['federal', 35],
  ['us-ca', 18],
  ['us-ny', 7],
  ['us-tx', 6],
  ['us-fl', 5],
  ['cir-9', 4],
  ['us-il', 3],
  ['us-wa', 3],
  ['cir-5', 2],
  ['cir-2', 2],
  ['us-az', 2],
  ['us-nj', 2],
  ['us-ma', 2],
  ['cir-3', 1],
  ['cir-11', 1],
  ['us-co', 1],
  ['us-ga', 1],
  ['us-or', 1],
  ['us-nc', 1],
  ['us-pa', 1],
  ['us-mi', 1],
];

const STATE_NAMES: Record<string, string> = {
  'us-ca': 'California',
  'us-ny': 'New York',
  'us-tx': 'Texas',
  'us-fl': 'Florida',
  'us-il': 'Illinois',
  'us-wa': 'Washington',
  'us-az': 'Arizona',
  'us-nj': 'New Jersey',
  'us-ma': 'Massachusetts',
  'us-co': 'Colorado',
  'us-ga': 'Georgia',
  'us-or': 'Oregon',
  'us-nc': 'North Carolina',
  'us-pa': 'Pennsylvania',
  'us-mi': 'Michigan',
};

const PUBLISHERS: Array<[string, number]> = [
  ['Sample Immigrant Defense Collaborative', 20],
  ['Demo Immigration Clinic', 14],
  ['Example County Public Defender — Immigration Unit', 11],
  ['Sample Immigrant Legal Resource Network', 9],
  ['Example Crimmigration Project', 8],
  ['Demo Federal Defender Training Unit', 7],
  ['Sample State Bar Immigration Section', 6],
  ['Example Law School Clinic', 5],
  ['Sample Immigration Appellate Project', 5],
  ['Demo Legal Aid Society', 4],
  ['Example Defender Association', 3],
  ['Sample Refugee Rights Center', 2],
];

const FIRST_NAMES = ['Ana', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Iris', 'Jonah', 'Kim', 'Luis'];
const LAST_NAMES = ['Alvarez', 'Brennan', 'Chowdhury', 'Delgado', 'Eriksen', 'Fontaine', 'Gupta', 'Haddad', 'Ito'];
const PARTY_NAMES = ['Ramirez-Lopez', 'Nguyen', 'Okafor', 'Castillo', 'Petrov', 'Mendoza-Ruiz', 'Haile', 'Santos'];

const KINDS: Array<[string, number, [number, number]]> = [
  ['advisory', 60, [5, 13]],
  ['chart', 8, [5, 10]],
  ['checklist', 7, [5, 8]],
  ['treatise', 5, [25, 40]],
  ['sample_filing', 5, [5, 9]],
  ['court_opinion', 5, [6, 14]],
  ['agency_decision', 4, [5, 10]],
  ['statute', 3, [5, 12]],
  ['regulation', 2, [5, 10]],
  ['policy_manual', 1, [8, 20]],
];

const ADVISORY_HEADINGS = [
  'Summary',
  'Immigration consequences at a glance',
  'Is {noun} an aggravated felony?',
  'Is {noun} a crime involving moral turpitude?',
  '{cite}: elements and divisibility',
  'The categorical approach',
  'The modified categorical approach and the record of conviction',
  'Sentence and the one-year threshold',
  'Consequences for lawful permanent residents',
  'Consequences for undocumented clients',
  'Consequences for asylum seekers and refugees',
  'DACA and TPS holders',
  'Safer pleas to {noun}',
  'Alternative pleas and their risks',
  'Padilla advisement',
  'Immigration detention and ICE holds',
  'Relief from removal',
  'Post-conviction relief',
  'Practice tips for defense counsel',
  'Practice tips for immigration counsel',
  'Key cases',
  'Recent developments',
  'Sample advisal language',
];

const OPINION_HEADINGS = [
  'Background',
  'Procedural history',
  'Standard of review',
  'Discussion',
  'The categorical approach',
  'Divisibility of {cite}',
  'Whether {noun} is {phrase}',
  'The petty offense exception',
  'Remand',
  'Conclusion',
];

const TREATISE_TOPICS = [
  'Grounds of deportability',
  'Grounds of inadmissibility',
  'Aggravated felonies',
  'Crimes involving moral turpitude',
  'Controlled substance offenses',
  'Firearms and domestic violence',
  'Relief from removal',
  'Post-conviction relief',
];

interface Context {
  r: Random;
  offense: OffenseProfile;
  noun: string;
  cite: string;
  jurisdictions: string[];
  phrase: string;
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function fill(template: string, c: Context): string {
  return template
    .replaceAll('{noun}', c.noun)
    .replaceAll('{cite}', c.cite)
    .replaceAll('{phrase}', c.phrase)
    .replaceAll('{state}', STATE_NAMES[c.jurisdictions.find((j) => j.startsWith('us-')) ?? ''] ?? 'California');
}

function sentence(c: Context): string {
  const { r } = c;
  const fed = r.pick(FEDERAL_CITATIONS);
  const other = r.pick(OFFENSES);
  const templates = [
    () =>
      `A conviction for ${c.noun} under ${c.cite} ${r.pick(['may', 'is likely to', 'is unlikely to', 'will often'])} be treated as ${c.phrase} under ${fed}.`,
    () =>
      `Under the categorical approach the immigration judge compares the elements of ${c.cite} with the generic federal definition; see ${r.pick(CASES)}.`,
    () =>
      `Defense counsel must advise the client in writing of the risk of removal before the plea, as ${CASES[0]} requires.`,
    () =>
      `If a sentence of one year or more is imposed, ${c.noun} may become an aggravated felony under ${r.pick(['8 U.S.C. § 1101(a)(43)(F)', '8 U.S.C. § 1101(a)(43)(G)', 'INA § 101(a)(43)(G)'])}.`,
    () =>
      'The petty offense exception may apply when the maximum possible sentence does not exceed one year and the sentence imposed is six months or less.',
    () =>
      `A plea to ${r.pick(other.nouns)} (${r.pick(other.citations)[1]}) is generally safer because the statute is not divisible as to the ${r.pick(['mental state', 'substance', 'victim', 'intent to deprive', 'use of force'])}.`,
    () =>
      'Lawful permanent residents (LPRs) convicted of a CIMT committed within five years of admission are deportable under INA § 237(a)(2)(A)(i).',
    () =>
      'A controlled substance offense triggers both deportability and inadmissibility, and the reason to believe ground can apply even without a conviction.',
    () =>
      `The BIA applied ${r.pick(CASE_SHORT)} to ${c.noun} and held that the record of conviction did not establish ${c.phrase}.`,
    () =>
      `Clients with DACA or TPS should be warned that ${c.noun} can bar renewal and affect good moral character (GMC).`,
    () =>
      'Mandatory detention under INA § 236(c) may follow release from criminal custody, so the client should know before accepting a plea.',
    () =>
      'Keep the record of conviction clean: avoid stipulating to a factual basis that names the substance, the victim or the amount of loss.',
    () => 'Where the court allows it, seek a sentence of 364 days rather than one year.',
    () =>
      'Obtain the complete charging document, the plea colloquy, the minute order and the abstract of judgment before advising.',
    () =>
      `An asylum applicant convicted of ${c.phrase} may be barred as having committed a particularly serious crime (PSC) under INA § 208(b)(2)(A)(ii).`,
    () =>
      `Cancellation of removal for LPRs under 8 U.S.C. § 1229b(a) is unavailable after an aggravated felony conviction, which makes the plea to ${c.cite} decisive.`,
    () =>
      `Immigration authorities may rely on police reports only in limited circumstances; see ${r.pick(CASES)} and the cases following it.`,
    () =>
      `In ${STATE_NAMES[c.jurisdictions.find((j) => j.startsWith('us-')) ?? ''] ?? 'federal court'}, ${c.noun} is usually charged as a ${r.pick(['misdemeanor', 'felony', 'wobbler', 'infraction'])} and resolved by a plea.`,
  ];
  return r.pick(templates)();
}

function paragraph(c: Context): string {
  const count = c.r.int(2, 5);
  return Array.from({ length: count }, () => sentence(c)).join(' ');
}

function sectionBody(c: Context): string {
  const paragraphs = c.r.int(1, 3);
  const parts = Array.from({ length: paragraphs }, () => paragraph(c));
  if (c.r.chance(0.15)) {
    parts.push(
      [
        `- Offense: ${c.noun} (${c.cite})`,
        `- Risk: ${c.phrase}`,
        `- Safer alternative: ${c.r.pick(c.r.pick(OFFENSES).nouns)}`,
      ].join('\n'),
    );
  }
  return parts.join('\n\n');
}

function headingsFor(kind: string, count: number, c: Context): string[] {
  if (kind === 'court_opinion' || kind === 'agency_decision') {
    return Array.from({ length: count }, (_, i) => fill(OPINION_HEADINGS[i % OPINION_HEADINGS.length] ?? '', c));
  }
  if (kind === 'treatise' || kind === 'policy_manual') {
    const headings: string[] = [];
    let chapter = 0;
    while (headings.length < count) {
      chapter++;
      const topic = TREATISE_TOPICS[(chapter - 1) % TREATISE_TOPICS.length] ?? 'Overview';
      headings.push(`# Chapter ${chapter}: ${topic}`);
      for (let s = 1; s <= 6 && headings.length < count; s++) {
        headings.push(`## ${chapter}.${s} ${fill(c.r.pick(ADVISORY_HEADINGS), c)}`);
      }
    }
    return headings;
  }
  if (kind === 'chart') {
    return Array.from({ length: count }, () => {
      const o = c.r.pick(OFFENSES);
      return `${cap(c.r.pick(o.nouns))} — ${c.r.pick(o.citations)[1]}`;
    });
  }
  if (kind === 'statute' || kind === 'regulation') {
    return Array.from(
      { length: count },
      (_, i) => `(${String.fromCharCode(97 + (i % 26))}) ${cap(c.r.pick(c.offense.nouns))}`,
    );
  }
  // Advisories, checklists, filings: an ordered subset of the usual headings.
  const picked = c.r
    .sample(
      ADVISORY_HEADINGS.map((h, i) => [h, i] as const),
      count,
    )
    .sort((a, b) => a[1] - b[1])
    .map(([h]) => fill(h, c));
  while (picked.length < count) picked.push(`Additional notes ${picked.length + 1}`);
  return picked;
}

function titleFor(kind: string, c: Context, year: number): string {
  const { r } = c;
  const state = fill('{state}', c);
  switch (kind) {
    case 'chart':
      return `Quick reference chart: ${state} ${r.pick(['criminal', 'drug', 'theft', 'violent', 'vehicle'])} offenses`;
    case 'checklist':
      return `Checklist: advising a noncitizen client charged with ${c.noun}`;
    case 'sample_filing':
      return `Sample motion to vacate: ${c.noun} plea without a Padilla advisement`;
    case 'treatise':
      return `Immigration Consequences of Criminal Convictions — ${state} edition, ${r.pick(['volume 1', 'volume 2', 'supplement'])}`;
    case 'policy_manual':
      return `Policy manual chapter: ${r.pick(TREATISE_TOPICS).toLowerCase()}`;
    case 'court_opinion':
      return `${r.pick(PARTY_NAMES)} v. ${r.pick(['Garland', 'Barr', 'Holder', 'Attorney General', 'Bondi'])} (${r.int(1, 11)}th Cir. ${year})`;
    case 'agency_decision':
      return `Matter of ${r.pick(PARTY_NAMES)}, ${r.int(24, 29)} I&N Dec. ${r.int(1, 900)} (BIA ${year})`;
    case 'statute':
    case 'regulation':
      return `${c.cite} — ${c.noun}`;
    default:
      return r.pick([
        `${cap(c.noun)} (${c.cite}): immigration consequences`,
        `Practice advisory: ${c.noun} and ${c.phrase.replace(/^an? /, '')}`,
        `${state} ${c.noun} — safer pleas for noncitizen clients`,
        `Immigration consequences of ${c.noun} convictions in ${state}`,
        `After ${r.pick(CASE_SHORT)}: ${c.noun} as ${c.phrase}`,
      ]);
  }
}

/** The i-th document of the corpus for `seed`, in the bulk-import format (`pnpm kb import`). */
export function generateRaw(seed: number, i: number): Record<string, unknown> {
  const r = new Random(seed, i);
  const [kind, , [minSections, maxSections]] = r.weighted(KINDS.map((k) => [k, k[1]] as const));
  const offense = r.weighted(OFFENSES.map((o) => [o, o.weight] as const));
  const extraOffenses = r.chance(0.25) ? [r.weighted(OFFENSES.map((o) => [o, o.weight] as const))] : [];
  const primary = r.weighted(JURISDICTIONS);
  const jurisdictions = [primary, ...(r.chance(0.2) ? [r.weighted(JURISDICTIONS)] : [])];
  const stateOf = (j: string): Jur =>
    j === 'us-ca' ? 'ca' : j === 'us-ny' ? 'ny' : j === 'us-tx' ? 'tx' : j === 'us-fl' ? 'fl' : 'fed';
  const local = offense.citations.filter(([j]) => j === stateOf(primary));
  const cite = r.pick(local.length > 0 ? local : offense.citations)[1];
  const family = CONSEQUENCE_FAMILY[offense.code] ?? 'af';
  const c: Context = {
    r,
    offense,
    noun: r.pick(offense.nouns),
    cite,
    jurisdictions: [...new Set(jurisdictions)],
    phrase: r.pick(CONSEQUENCE_PHRASES[family] ?? ['an aggravated felony']),
  };

  const consequences = new Set<string>();
  for (const o of [offense, ...extraOffenses])
    for (const [code, p] of o.consequences) if (r.chance(p)) consequences.add(code);
  for (const [code, p] of GENERAL_CONSEQUENCES) if (r.chance(p)) consequences.add(code);
  if (consequences.size === 0) consequences.add(offense.consequences[0]?.[0] ?? 'deportability');

  const year = 2025 - Math.floor(17 * r.next() ** 2);
  const date = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  const sections = r.int(minSections, maxSections);
  const headings = headingsFor(kind, sections - 1, c);
  const intro = paragraph(c);
  const body = [
    intro,
    ...headings.map(
      (h) => `${h.startsWith('#') ? h : `## ${h}`}\n\n${h.startsWith('# ') ? paragraph(c) : sectionBody(c)}`,
    ),
  ].join('\n\n');
  const citations = [
    cite,
    ...r.sample(offense.citations, r.int(0, 2)).map(([, t]) => t),
    ...r.sample(FEDERAL_CITATIONS, r.int(1, 3)),
    ...r.sample(CASES, r.int(0, 2)),
  ];
  return {
    id: `bench-${seed}-${String(i).padStart(6, '0')}`,
    title: titleFor(kind, c, year),
    kind,
    summary: `${cap(c.noun)} (${cite}) and the risk of ${c.phrase.replace(/^an? /, '')}: ${sentence(c)}`,
    publisher: r.weighted(PUBLISHERS),
    authors: Array.from({ length: r.int(1, 3) }, () => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`),
    jurisdictions: c.jurisdictions,
    audience: r.weighted([
      ['both', 5],
      ['defense', 3],
      ['immigration', 2],
    ] as const),
    date,
    lastReviewedAt: r.chance(0.4) ? `${Math.min(2025, year + r.int(0, 3))}-06-30` : undefined,
    citations: [...new Set(citations)],
    offenseTypes: [...new Set([offense.code, ...extraOffenses.map((o) => o.code)])],
    consequences: [...consequences],
    body,
  };
}

/** The i-th document, validated by the same function as `pnpm kb import`. */
export function generateRecord(seed: number, i: number): ImportRecord {
  const record = toImportRecord(generateRaw(seed, i));
  if (typeof record === 'string') throw new Error(`generated document ${i} is invalid: ${record}`);
  return record;
}

/** Documents `from` to `to` (exclusive) as the import path reads them. */
export function* generateCorpus(
  seed: number,
  from: number,
  to: number,
): Generator<{ line: number; record?: ImportRecord; error?: string }> {
  for (let i = from; i < to; i++) yield { line: i + 1, record: generateRecord(seed, i) };
}

/** Checks that every tag the generator uses exists in the seed vocabulary (a typo would fail the import). */
export function unknownGeneratorCodes(): string[] {
  const file = JSON.parse(readFileSync(path.join(seedDataFolder, 'taxonomy.json'), 'utf8')) as {
    offenseTypes: Array<{ code: string }>;
    consequences: Array<{ code: string }>;
  };
  const known = new Set([...file.offenseTypes, ...file.consequences].map((t) => t.code));
  const used = [
    ...OFFENSES.map((o) => o.code),
    ...OFFENSES.flatMap((o) => o.consequences.map(([c]) => c)),
    ...GENERAL_CONSEQUENCES.map(([c]) => c),
  ];
  return [...new Set(used.filter((c) => !known.has(c)))];
}

export const OFFENSE_CODES = OFFENSES.map((o) => o.code);
export const PUBLISHER_NAMES = PUBLISHERS.map(([p]) => p);
