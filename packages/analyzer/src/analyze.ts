import {
  type AlternativeResult,
  type AnalysisRequest,
  type AnalysisResult,
  type AnalyzedEntry,
  FINDING_GROUND_CODES,
  type Finding,
} from '@kb/contracts';
import { differences } from './differences';
import { type Case, clientFacts, offenseFacts, priorFacts, type ResolvedEntry } from './facts';
import { aggravatedFelony } from './rules/aggravated-felony';
import { cimtDeportability, cimtDeportable, cimtInadmissible, pettyOffenseException } from './rules/cimt';
import { ifConvicted } from './rules/common';
import { controlledSubstanceDeportable, controlledSubstanceInadmissible } from './rules/controlled-substances';
import { dacaBar, tpsBar } from './rules/daca-tps';
import { domesticViolenceDeportable, firearmDeportable } from './rules/deportability';
import { mandatoryDetention } from './rules/detention';
import { asylumBar, lprCancellationBar } from './rules/relief';

/** The entries the caller resolved, in the order of the request's arrays (a prior may have none). */
export interface ResolvedEntries {
  alternatives: ResolvedEntry[];
  priors: (ResolvedEntry | null)[];
}

export const analyzedEntry = (e: ResolvedEntry): AnalyzedEntry => ({
  id: e.id,
  revisionId: e.revisionId,
  revisionNumber: e.revisionNumber,
  lastReviewedAt: e.lastReviewedAt,
  jurisdiction: e.data.jurisdiction,
  statutes: e.data.statutes,
  offenseName: e.data.offenseName,
});

/** Every ground for one alternative: the rules as if convicted, then the stage applied. */
export function findingsFor(c: Case): Finding[] {
  const af = aggravatedFelony(c);
  const cimtParts = cimtDeportability(c);
  const cimtDep = cimtDeportable(c);
  const cimtInadm = cimtInadmissible(c);
  const poe = pettyOffenseException(c);
  const csDep = controlledSubstanceDeportable(c);
  const csInadm = controlledSubstanceInadmissible(c);
  const dv = domesticViolenceDeportable(c);
  const firearm = firearmDeportable(c);
  const detention = mandatoryDetention(c, {
    aggravatedFelony: af.outcome,
    cimtFiveYears: cimtParts.fiveYears.value,
    cimtTwo: cimtParts.two,
    cimtInadmissible: cimtInadm.outcome,
    controlledSubstanceDeportable: csDep.outcome,
    controlledSubstanceInadmissible: csInadm.outcome,
    firearmDeportable: firearm.outcome,
  });
  const daca = dacaBar(c);
  const tps = tpsBar(c, {
    aggravatedFelony: af.outcome,
    cimtInadmissible: cimtInadm.outcome,
    controlledSubstanceInadmissible: csInadm.outcome,
  });
  const relief = {
    aggravatedFelony: af.outcome,
    cimtDeportable: cimtDep.outcome,
    cimtInadmissible: cimtInadm.outcome,
    controlledSubstanceDeportable: csDep.outcome,
    controlledSubstanceInadmissible: csInadm.outcome,
  };
  const o = c.offense;
  const all: Finding[] = [
    ifConvicted(af, o),
    ifConvicted(cimtDep, o),
    ifConvicted(cimtInadm, o, true),
    ifConvicted(poe, o),
    ifConvicted(csDep, o),
    ifConvicted(csInadm, o, true),
    ifConvicted(dv, o),
    ifConvicted(firearm, o),
    detention, // reads the stage itself: a charge alone can trigger § 236(c)(1)(E)
    ifConvicted(daca, o),
    ifConvicted(tps, o),
    ifConvicted(lprCancellationBar(c, relief), o),
    ifConvicted(asylumBar(c, relief), o),
  ];
  return FINDING_GROUND_CODES.map((g) => all.find((f) => f.ground === g)!);
}

/**
 * The plea consequence analysis: pure, no I/O. `today` (YYYY-MM-DD) is the day it is made;
 * check the request with `requestProblems` first.
 */
export function analyze(request: AnalysisRequest, resolved: ResolvedEntries, today: string): AnalysisResult {
  const client = clientFacts(request.client);
  const priorsIn = request.priors ?? [];
  const priors = priorsIn.map((p, i) => priorFacts(p, resolved.priors[i] ?? null));
  const alternatives: AlternativeResult[] = request.alternatives.map((alternative, i) => {
    const entry = resolved.alternatives[i];
    if (!entry) throw new Error(`alternatives[${i}] was not resolved to an entry`);
    const c: Case = { client, offense: offenseFacts(alternative, entry), priors, today };
    return { label: alternative.label, entry: analyzedEntry(entry), findings: findingsFor(c) };
  });
  return {
    analyzedOn: today,
    priors: priors.map((p, i) => ({
      citation: priorsIn[i]?.citation ?? null,
      convictedOn: p.convictedOn,
      entry: p.entry ? analyzedEntry(p.entry) : null,
    })),
    alternatives,
    differences: differences(request, alternatives),
  };
}
