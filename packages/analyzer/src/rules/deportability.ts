import type { ConsequenceColumn, Finding, FindingGround } from '@kb/contracts';
import { classify } from '../classify';
import { type Case, sentence } from '../facts';
import { all, deportabilityReach, finding } from './common';

export const DOMESTIC_VIOLENCE_RULE = 'INA § 237(a)(2)(E)';
export const FIREARM_RULE = 'INA § 237(a)(2)(C)';

/** A deportability ground read from one column, for admitted noncitizens only. */
function deportabilityFromColumn(
  c: Case,
  ground: FindingGround,
  column: ConsequenceColumn,
  rule: string,
  notAdmittedNote: string,
  safer: string,
): Finding {
  const reach = deportabilityReach(c.client);
  const k = classify(c.offense, column);
  if (reach.value === 'no') {
    return finding(
      ground,
      rule,
      {
        outcome: 'no',
        reason: `${reach.text} ${notAdmittedNote}`,
        whatWouldChange: 'Nothing in the plea: this ground needs an admission.',
      },
      k.authorities,
    );
  }
  const value = all(reach.value, k.value);
  return finding(
    ground,
    rule,
    {
      outcome: value,
      reason: [sentence(k.why), reach.value === 'yes' ? '' : reach.text].filter(Boolean).join(' '),
      whatWouldChange:
        value === 'no'
          ? k.decide || 'Not this ground whatever the sentence; only a plea to another offense changes this.'
          : k.decide || safer,
    },
    k.authorities,
  );
}

/** INA § 237(a)(2)(E): crimes of domestic violence, stalking, child abuse, and protection-order violations. */
export function domesticViolenceDeportable(c: Case): Finding {
  return deportabilityFromColumn(
    c,
    'domestic_violence_deportable',
    'domestic_violence',
    DOMESTIC_VIOLENCE_RULE,
    'There is no domestic violence ground of inadmissibility; the offense may still be a CIMT.',
    'A plea to an offense that is not a crime of violence (one that can be committed by an offensive touching: Johnson v. United States, 559 U.S. 133 (2010)). Leaving the relationship out of the record does not help: it may be proved by any reliable evidence (Matter of H. Estrada, 26 I&N Dec. 749 (BIA 2016)).',
  );
}

/** INA § 237(a)(2)(C): firearm offenses. */
export function firearmDeportable(c: Case): Finding {
  return deportabilityFromColumn(
    c,
    'firearm_deportable',
    'firearms',
    FIREARM_RULE,
    'There is no firearms ground of inadmissibility; the offense may still be a CIMT or an aggravated felony.',
    'A plea to an offense with no firearm element, or one whose firearm definition reaches antique firearms, which the federal definition excludes (18 U.S.C. § 921(a)(3)).',
  );
}
