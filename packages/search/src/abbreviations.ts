import type { Alias } from './settings';

/** Abbreviations lawyers type, each with its expansion: search treats them as synonyms. */
export const ABBREVIATIONS: Alias[] = [
  ['AF', 'aggravated felony'],
  ['CIMT', 'crime involving moral turpitude'],
  ['CSO', 'controlled substance offense'],
  ['COV', 'crime of violence'],
  ['DV', 'domestic violence'],
  ['LPR', 'lawful permanent resident'],
  // The statute's own words for it (INA § 101(a)(20), § 212(h), § 240A(a)).
  ['LPR', 'lawfully admitted for permanent residence'],
  ['GMC', 'good moral character'],
  ['PSC', 'particularly serious crime'],
  ['NTA', 'notice to appear'],
  ['IJ', 'immigration judge'],
  ['BIA', 'Board of Immigration Appeals'],
  ['INA', 'Immigration and Nationality Act'],
  ['FFOA', 'Federal First Offender Act'],
  ['SAM', 'sexual abuse of a minor'],
  ['CAT', 'Convention Against Torture'],
  ['DHS', 'Department of Homeland Security'],
  ['ICE', 'Immigration and Customs Enforcement'],
  ['USCIS', 'U.S. Citizenship and Immigration Services'],
  ['EOIR', 'Executive Office for Immigration Review'],
];
