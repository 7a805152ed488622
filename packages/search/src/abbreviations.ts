/** Abbreviations lawyers type, each with its expansion: search treats them as synonyms. */
export const ABBREVIATIONS: Array<[string, string]> = [
  ['AF', 'aggravated felony'],
  ['CIMT', 'crime involving moral turpitude'],
  ['CSO', 'controlled substance offense'],
  ['COV', 'crime of violence'],
  ['DV', 'domestic violence'],
  ['LPR', 'lawful permanent resident'],
  ['GMC', 'good moral character'],
  ['PSC', 'particularly serious crime'],
  ['NTA', 'notice to appear'],
  ['IJ', 'immigration judge'],
  ['BIA', 'Board of Immigration Appeals'],
  ['INA', 'Immigration and Nationality Act'],
  ['FFOA', 'Federal First Offender Act'],
  ['SAM', 'sexual abuse of a minor'],
];
