import type { Finding, FindingGround, FindingOutcome } from '@kb/contracts';
import { CLIENT_STATUS_LABELS } from '@kb/contracts';
import { type Classification, classify } from '../classify';
import type { Case, ClientFacts, OffenseFacts, PriorFacts, Verdict } from '../facts';

export type Tri = FindingOutcome;

/** Three-valued AND: any `no` decides; `unknown` (unsettled law) outweighs `depends` (a fact to find). */
export function all(...values: Tri[]): Tri {
  if (values.includes('no')) return 'no';
  if (values.every((v) => v === 'yes')) return 'yes';
  return values.includes('unknown') ? 'unknown' : 'depends';
}

/** Three-valued OR: any `yes` decides. */
export function any(...values: Tri[]): Tri {
  if (values.includes('yes')) return 'yes';
  if (values.every((v) => v === 'no')) return 'no';
  return values.includes('unknown') ? 'unknown' : 'depends';
}

export function finding(ground: FindingGround, rule: string, verdict: Verdict, authorities: string[] = []): Finding {
  return {
    ground,
    outcome: verdict.outcome,
    reason: verdict.reason,
    rule,
    authorities: [...new Set([rule, ...authorities, ...(verdict.authorities ?? [])])],
    whatWouldChange: verdict.whatWouldChange,
  };
}

export const statusLabel = (client: ClientFacts) => CLIENT_STATUS_LABELS[client.status].toLowerCase();

/**
 * Does § 237 (deportability) reach this client? Only the admitted: one who entered without
 * inspection faces the § 212 grounds instead.
 */
export function deportabilityReach(client: ClientFacts): { value: Tri; text: string } {
  if (client.admission === 'admitted') {
    return { value: 'yes', text: `The deportability grounds apply: the client (${statusLabel(client)}) was admitted.` };
  }
  if (client.admission === 'not_admitted') {
    return {
      value: 'no',
      text: `The deportability grounds of INA § 237 reach only noncitizens who were admitted; this client (${statusLabel(client)}) entered without inspection and was never admitted, so the conviction is weighed under the inadmissibility grounds of INA § 212(a)(2) instead (see the inadmissibility findings).`,
    };
  }
  return {
    value: 'depends',
    text: `Whether the deportability grounds of INA § 237 apply depends on whether the client (${statusLabel(client)}) was ever admitted: give the admission date, or say they entered without inspection.`,
  };
}

/** Why the § 212(a)(2) grounds matter to this client. */
export function inadmissibilityRelevance(client: ClientFacts): string {
  switch (client.status) {
    case 'lpr':
      return 'For a permanent resident, inadmissibility matters on return from a trip abroad (INA § 101(a)(13)(C)(v)) and for relief.';
    case 'undocumented':
    case 'unknown':
      return client.admission === 'not_admitted'
        ? 'For a client who entered without inspection, these are the grounds charged in removal proceedings and a bar to adjustment of status.'
        : 'Inadmissibility bars adjustment of status and any later admission.';
    default:
      return 'Inadmissibility bars adjustment of status (a green card) and any later admission.';
  }
}

/**
 * A removal ground needs a conviction (INA § 101(a)(48)(A)); an alternative at the charge stage
 * is analyzed as if convicted, and its answer is "depends" on the conviction.
 */
export function ifConvicted(f: Finding, offense: OffenseFacts, admitsToo = false): Finding {
  if (offense.stage === 'convicted' || f.outcome === 'no') {
    return offense.stage === 'convicted'
      ? f
      : { ...f, reason: `Charged, not convicted; even if convicted: ${lowerFirst(f.reason)}` };
  }
  const trigger = admitsToo
    ? 'a conviction, or a formal admission of the elements of the offense'
    : 'a conviction (a charge alone is not one, INA § 101(a)(48)(A))';
  return {
    ...f,
    outcome: 'depends',
    reason: `Charged, not convicted: this ground needs ${trigger}. If convicted as charged the answer would be “${f.outcome}”: ${lowerFirst(f.reason)}`,
    whatWouldChange: `Whether the case ends in ${trigger}. ${f.whatWouldChange}`.trim(),
  };
}

/** "The entry says" → "the entry says", but "INA § 237" stays. */
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text);

/** The offense of a prior conviction, so its entry's columns can be read like an alternative's. */
export function priorOffense(prior: PriorFacts): OffenseFacts | null {
  if (!prior.entry) return null;
  const data = prior.entry.data;
  return {
    entry: prior.entry,
    data,
    citation: prior.citation,
    stage: 'convicted',
    sentenceDays: prior.sentenceDays,
    offenseDate: null,
    maxSentenceDays: data.grade === 'wobbler' ? null : data.maxSentenceDays,
    grade: data.grade === 'wobbler' ? null : data.grade,
    lossAmount: null,
    drug: null,
    quantityGrams: null,
  };
}

/** A prior's classification in one column; a prior without an entry is `unknown`. */
export function classifyPrior(prior: PriorFacts, column: Parameters<typeof classify>[1]): Classification {
  const offense = priorOffense(prior);
  if (!offense) {
    return {
      value: 'unknown',
      why: `The prior ${prior.citation} matches no entry in the library, so its classification is unknown.`,
      decide: `Whether the prior ${prior.citation} is of this kind (look it up or add an entry).`,
      authorities: [],
    };
  }
  return classify(offense, column);
}

export const describePrior = (p: PriorFacts) => `${p.citation} (convicted ${p.convictedOn})`;

export type { Case };
