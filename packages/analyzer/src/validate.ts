import type { AnalysisRequest } from '@kb/contracts';

/** A request problem the schema cannot see, named by its field path. */
export interface RequestProblem {
  field: string;
  message: string;
}

/**
 * What the schema cannot check: dates in the future (the analysis is of what happened or is
 * proposed, and the five-year clock needs real dates) and how each offense is named.
 */
export function requestProblems(request: AnalysisRequest, today: string): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const notFuture = (field: string, date: string | null | undefined) => {
    if (date && date > today) problems.push({ field, message: `${field} (${date}) is in the future.` });
  };
  notFuture('client.admittedOn', request.client.admittedOn);
  (request.priors ?? []).forEach((p, i) => {
    notFuture(`priors[${i}].convictedOn`, p.convictedOn);
    if (!p.offenseId && !p.citation) {
      problems.push({ field: `priors[${i}].citation`, message: `priors[${i}] needs a citation or an offenseId.` });
    }
  });
  request.alternatives.forEach((a, i) => {
    notFuture(`alternatives[${i}].offenseDate`, a.offenseDate);
    if (!a.offenseId && !(a.citation && a.jurisdiction)) {
      problems.push({
        field: `alternatives[${i}].citation`,
        message: `alternatives[${i}] needs an offenseId, or a citation with its jurisdiction.`,
      });
    }
  });
  const labels = request.alternatives.map((a) => a.label.trim());
  labels.forEach((label, i) => {
    if (labels.indexOf(label) !== i) {
      problems.push({
        field: `alternatives[${i}].label`,
        message: `alternatives[${i}].label “${label}” is used twice.`,
      });
    }
  });
  return problems;
}
