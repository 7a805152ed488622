import type { Finding } from '@kb/contracts';
import { addYears, type Case } from '../facts';
import { all, any, finding, type Tri } from './common';

export const LPR_CANCELLATION_RULE = 'INA § 240A(a)(3)';
export const STOP_TIME_RULE = 'INA § 240A(d)(1)(B)';
export const ASYLUM_RULE = 'INA § 208(b)(2)(B)(i)';
const BARTON = 'Barton v. Barr, 590 U.S. 222 (2020)';
const CORTEZ_CANALES = 'Matter of Cortez Canales, 25 I&N Dec. 301 (BIA 2010)';
const N_A_M = 'Matter of N-A-M-, 24 I&N Dec. 336 (BIA 2007)';

export interface ReliefInputs {
  aggravatedFelony: Tri;
  cimtDeportable: Tri;
  cimtInadmissible: Tri;
  controlledSubstanceDeportable: Tri;
  controlledSubstanceInadmissible: Tri;
}

/**
 * LPR cancellation (INA § 240A(a)): barred by any aggravated felony (a)(3); and the seven years of
 * residence after admission stop when the client commits a § 212(a)(2) offense that renders them
 * inadmissible or deportable (§ 240A(d)(1)(B); Barton v. Barr).
 */
export function lprCancellationBar(c: Case, f: ReliefInputs): Finding {
  const { client, offense } = c;
  let within: Tri = 'depends';
  let clock = 'the admission date or offense date is not given, so the seven-year clock cannot be run';
  if (client.admittedOn && offense.offenseDate) {
    const end = addYears(client.admittedOn, 7);
    within = offense.offenseDate < end ? 'yes' : 'no';
    clock =
      within === 'yes'
        ? `committed on ${offense.offenseDate}, before seven years after admission (${end})`
        : `committed on ${offense.offenseDate}, after seven years of residence (${end})`;
  }
  const rendering = any(
    f.cimtInadmissible,
    f.cimtDeportable,
    f.controlledSubstanceInadmissible,
    f.controlledSubstanceDeportable,
  );
  const lpr = client.status === 'lpr';
  const stop = lpr ? all(within, rendering) : 'no';
  const value = any(f.aggravatedFelony, stop);
  const reason = [
    `Aggravated felony (a bar whenever convicted): ${f.aggravatedFelony}.`,
    lpr
      ? `Stop-time: ${clock}; a § 212(a)(2) offense that renders the client inadmissible or deportable: ${rendering}${stop === 'yes' ? ' — the clock stops short of the seven years.' : '.'}`
      : `LPR cancellation is for permanent residents; this client is not one. For non-LPR cancellation, a conviction of an offense described in § 212(a)(2) or § 237(a)(2) is a bar whatever the client’s admission (INA § 240A(b)(1)(C); ${CORTEZ_CANALES}).`,
  ].join(' ');
  const change =
    value === 'no'
      ? 'An aggravated felony, or (within seven years of admission) a CIMT or drug offense that makes the client inadmissible or deportable.'
      : 'A plea that is not an aggravated felony and, within seven years of admission, not a CIMT or drug offense outside the petty offense exception.';
  return finding('lpr_cancellation_bar', LPR_CANCELLATION_RULE, { outcome: value, reason, whatWouldChange: change }, [
    STOP_TIME_RULE,
    BARTON,
    ...(lpr ? [] : ['INA § 240A(b)(1)(C)', CORTEZ_CANALES]),
  ]);
}

/**
 * Asylum: an aggravated felony is a particularly serious crime, a bar (INA § 208(b)(2)(A)(ii),
 * (B)(i)); any other conviction can still be found one case by case (Matter of N-A-M-).
 */
export function asylumBar(_c: Case, f: Pick<ReliefInputs, 'aggravatedFelony'>): Finding {
  const af = f.aggravatedFelony;
  const value: Tri = af === 'no' ? 'depends' : af;
  const reason =
    af === 'yes'
      ? 'An aggravated felony is a particularly serious crime for asylum, a mandatory bar. Withholding of removal stays open unless the aggregate sentence for aggravated felonies is five years or more or the crime is otherwise found particularly serious (INA § 241(b)(3)(B)); protection under the Convention Against Torture remains.'
      : af === 'no'
        ? 'Not an aggravated felony, so not a particularly serious crime per se; an immigration judge may still find it one case by case, from the nature of the conviction, the sentence and the circumstances (Matter of N-A-M-). The less serious the offense and sentence, the less likely.'
        : `Whether it is an aggravated felony (and so a per se particularly serious crime) is ${af === 'unknown' ? 'unsettled' : 'not yet decided'}; see the aggravated felony finding.`;
  return finding(
    'asylum_bar',
    ASYLUM_RULE,
    {
      outcome: value,
      reason,
      whatWouldChange:
        af === 'no'
          ? 'A less serious offense or shorter sentence lowers the risk of a particularly-serious-crime finding.'
          : 'A plea that is not an aggravated felony.',
    },
    ['INA § 208(b)(2)(A)(ii)', N_A_M, 'INA § 241(b)(3)(B)'],
  );
}
