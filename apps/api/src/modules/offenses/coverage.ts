import type { ConsequenceColumn } from '@kb/contracts';

/** The federal circuit whose precedent governs removal cases arising in each state. */
export const STATE_CIRCUITS: Record<string, string> = {
  'us-me': 'cir-1',
  'us-ma': 'cir-1',
  'us-nh': 'cir-1',
  'us-ri': 'cir-1',
  'us-pr': 'cir-1',
  'us-ct': 'cir-2',
  'us-ny': 'cir-2',
  'us-vt': 'cir-2',
  'us-de': 'cir-3',
  'us-nj': 'cir-3',
  'us-pa': 'cir-3',
  'us-md': 'cir-4',
  'us-nc': 'cir-4',
  'us-sc': 'cir-4',
  'us-va': 'cir-4',
  'us-wv': 'cir-4',
  'us-la': 'cir-5',
  'us-ms': 'cir-5',
  'us-tx': 'cir-5',
  'us-ky': 'cir-6',
  'us-mi': 'cir-6',
  'us-oh': 'cir-6',
  'us-tn': 'cir-6',
  'us-il': 'cir-7',
  'us-in': 'cir-7',
  'us-wi': 'cir-7',
  'us-ar': 'cir-8',
  'us-ia': 'cir-8',
  'us-mn': 'cir-8',
  'us-mo': 'cir-8',
  'us-ne': 'cir-8',
  'us-nd': 'cir-8',
  'us-sd': 'cir-8',
  'us-ak': 'cir-9',
  'us-az': 'cir-9',
  'us-ca': 'cir-9',
  'us-hi': 'cir-9',
  'us-id': 'cir-9',
  'us-mt': 'cir-9',
  'us-nv': 'cir-9',
  'us-or': 'cir-9',
  'us-wa': 'cir-9',
  'us-co': 'cir-10',
  'us-ks': 'cir-10',
  'us-nm': 'cir-10',
  'us-ok': 'cir-10',
  'us-ut': 'cir-10',
  'us-wy': 'cir-10',
  'us-al': 'cir-11',
  'us-fl': 'cir-11',
  'us-ga': 'cir-11',
  'us-dc': 'cir-dc',
};

export interface FederalRuleText {
  consequence: ConsequenceColumn;
  title: string;
  summary: string;
  authorities: string[];
  /** External id of the demo advisory that explains the rule, linked when it is published. */
  explainedBy?: string;
}

/**
 * The federal rules every chart applies, whatever the state: the grounds a state conviction
 * is measured against. Stated as of the Laken Riley Act (Pub. L. No. 119-1, January 29, 2025).
 */
export const FEDERAL_RULES: FederalRuleText[] = [
  {
    consequence: 'aggravated_felony',
    title: 'Aggravated felonies',
    summary:
      'A conviction for an offense listed in INA § 101(a)(43) makes a noncitizen deportable and bars almost all relief (asylum, cancellation of removal, voluntary departure). Several categories turn on the sentence imposed: a theft offense (G) or crime of violence (F) is an aggravated felony only with a term of imprisonment of at least one year (365 days), counting suspended time; fraud or deceit (M) only with a loss to the victim over $10,000. Whether a state offense matches is decided by the categorical approach: the elements of the statute, not the facts.',
    authorities: [
      'INA § 101(a)(43), 8 U.S.C. § 1101(a)(43)',
      'INA § 237(a)(2)(A)(iii), 8 U.S.C. § 1227(a)(2)(A)(iii)',
      'INA § 101(a)(48)(B), 8 U.S.C. § 1101(a)(48)(B)',
      'Mathis v. United States, 579 U.S. 500 (2016)',
      'Nijhawan v. Holder, 557 U.S. 29 (2009)',
    ],
    explainedBy: 'demo-adv-categorical-approach-primer',
  },
  {
    consequence: 'cimt',
    title: 'Crimes involving moral turpitude',
    summary:
      'Deportability: one crime involving moral turpitude committed within five years after admission for which a sentence of one year or longer may be imposed, or two such crimes at any time after admission not arising out of a single scheme. Inadmissibility: one conviction or admitted offense, unless the petty offense exception applies (one offense only, maximum possible sentence of one year or less, sentence imposed of six months or less).',
    authorities: [
      'INA § 237(a)(2)(A)(i)–(ii), 8 U.S.C. § 1227(a)(2)(A)(i)–(ii)',
      'INA § 212(a)(2)(A)(i)(I), 8 U.S.C. § 1182(a)(2)(A)(i)(I)',
      'INA § 212(a)(2)(A)(ii)(II), 8 U.S.C. § 1182(a)(2)(A)(ii)(II)',
    ],
  },
  {
    consequence: 'controlled_substance_deportable',
    title: 'Controlled substance offenses: deportability',
    summary:
      'A conviction of a violation of any law relating to a controlled substance as defined by federal law makes a noncitizen deportable, except a single offense of possession for one’s own use of 30 grams or less of marijuana. The state drug must be a federally controlled substance: a statute covering drugs the federal schedules do not is not a categorical match.',
    authorities: ['INA § 237(a)(2)(B)(i), 8 U.S.C. § 1227(a)(2)(B)(i)', 'Mellouli v. Lynch, 575 U.S. 798 (2015)'],
  },
  {
    consequence: 'controlled_substance_inadmissible',
    title: 'Controlled substance offenses: inadmissibility',
    summary:
      'A conviction of, or an admission of the essential elements of, a controlled substance offense makes a noncitizen inadmissible. There is no 30-gram exception in this ground; the INA § 212(h) waiver can reach only a single offense of simple possession of 30 grams or less of marijuana. Reason to believe a person is a trafficker is a separate ground.',
    authorities: [
      'INA § 212(a)(2)(A)(i)(II), 8 U.S.C. § 1182(a)(2)(A)(i)(II)',
      'INA § 212(a)(2)(C), 8 U.S.C. § 1182(a)(2)(C)',
      'INA § 212(h), 8 U.S.C. § 1182(h)',
    ],
  },
  {
    consequence: 'domestic_violence',
    title: 'Domestic violence, stalking, child abuse, protection orders',
    summary:
      'After admission, a conviction for a crime of domestic violence (a crime of violence under 18 U.S.C. § 16 against a person protected by domestic violence law), stalking, or child abuse, child neglect or child abandonment makes a noncitizen deportable, as does a court finding that the person violated the part of a protection order that protects against violence, threats or harassment.',
    authorities: ['INA § 237(a)(2)(E), 8 U.S.C. § 1227(a)(2)(E)', '18 U.S.C. § 16(a)'],
  },
  {
    consequence: 'firearms',
    title: 'Firearms offenses',
    summary:
      'A conviction under any law for purchasing, selling, offering for sale, exchanging, using, owning, possessing or carrying a firearm or destructive device makes a noncitizen deportable. The federal definition excludes antique firearms, so a state statute that reaches them may not match categorically.',
    authorities: [
      'INA § 237(a)(2)(C), 8 U.S.C. § 1227(a)(2)(C)',
      '18 U.S.C. § 921(a)(3)',
      'United States v. Aguilera-Rios, 769 F.3d 626 (9th Cir. 2014)',
    ],
  },
  {
    consequence: 'other_grounds',
    title: 'Other criminal grounds',
    summary:
      'Among others: prostitution and commercialized vice (inadmissibility, engaging in prostitution within ten years), document fraud (a final order under INA § 274C), failure to register as a sex offender, and high-speed flight from an immigration checkpoint.',
    authorities: [
      'INA § 212(a)(2)(D), 8 U.S.C. § 1182(a)(2)(D)',
      'INA § 237(a)(3)(C), 8 U.S.C. § 1227(a)(3)(C)',
      'INA § 237(a)(2)(A)(v), 8 U.S.C. § 1227(a)(2)(A)(v)',
      'INA § 237(a)(2)(A)(iv), 8 U.S.C. § 1227(a)(2)(A)(iv)',
    ],
  },
  {
    consequence: 'daca_bar',
    title: 'DACA criminal bars',
    summary:
      'A felony, a significant misdemeanor (any offense of domestic violence, sexual abuse or exploitation, burglary, unlawful possession or use of a firearm, drug distribution or trafficking, or driving under the influence, or any other misdemeanor with a sentence of more than 90 days in custody), or three or more other misdemeanors not arising from the same act bar DACA; minor traffic offenses do not count.',
    authorities: ['8 C.F.R. § 236.22(b)(6)', '8 C.F.R. § 236.22(b)(6)(ii)'],
    explainedBy: 'demo-adv-daca-tps-criminal-bars',
  },
  {
    consequence: 'tps_bar',
    title: 'TPS criminal bars',
    summary:
      'A conviction of any felony or of two or more misdemeanors committed in the United States bars Temporary Protected Status, as do the criminal inadmissibility grounds and the persecutor and particularly serious crime bars.',
    authorities: ['INA § 244(c)(2)(B)(i), 8 U.S.C. § 1254a(c)(2)(B)(i)', '8 C.F.R. § 244.4(a)'],
    explainedBy: 'demo-adv-daca-tps-criminal-bars',
  },
  {
    consequence: 'mandatory_detention',
    title: 'Mandatory detention',
    summary:
      'INA § 236(c) requires detention without a bond hearing for noncitizens removable or inadmissible on most criminal grounds (aggravated felonies, controlled substance offenses, firearms offenses, multiple CIMTs and many single CIMTs). Since the Laken Riley Act (January 29, 2025) it also reaches inadmissible noncitizens charged with, arrested for, convicted of, or who admit acts of burglary, theft, larceny, shoplifting, assault of a law enforcement officer, or any crime resulting in death or serious bodily injury — an arrest alone can trigger it.',
    authorities: [
      'INA § 236(c)(1), 8 U.S.C. § 1226(c)(1)',
      'INA § 236(c)(1)(E), 8 U.S.C. § 1226(c)(1)(E)',
      'Laken Riley Act, Pub. L. No. 119-1, 139 Stat. 3 (2025)',
    ],
    explainedBy: 'demo-adv-mandatory-detention-236c-laken-riley',
  },
];
