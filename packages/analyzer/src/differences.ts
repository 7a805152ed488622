import {
  type AlternativeResult,
  type AnalysisAlternative,
  type AnalysisRequest,
  FAVORABLE_GROUNDS,
  FINDING_GROUND_CODES,
  type FindingDifference,
  type FindingGround,
  type FindingOutcome,
} from '@kb/contracts';

const PHRASE: Record<FindingGround, string> = {
  aggravated_felony: 'the aggravated felony',
  cimt_deportable: 'CIMT deportability',
  cimt_inadmissible: 'CIMT inadmissibility',
  petty_offense_exception: 'the petty offense exception',
  controlled_substance_deportable: 'drug deportability',
  controlled_substance_inadmissible: 'drug inadmissibility',
  domestic_violence_deportable: 'domestic violence deportability',
  firearm_deportable: 'firearm deportability',
  mandatory_detention: 'mandatory detention',
  daca_bar: 'the DACA bar',
  tps_bar: 'the TPS bar',
  lpr_cancellation_bar: 'the bar to LPR cancellation',
  asylum_bar: 'the bar to asylum',
};

const uncertain = (o: FindingOutcome) => o === 'depends' || o === 'unknown';

/** How a ground moves from one alternative to the next, in words: "removes the aggravated felony". */
function movement(from: FindingOutcome, to: FindingOutcome, phrase: string, favorable: boolean): string {
  if (uncertain(to)) return to === 'unknown' ? `leaves ${phrase} unsettled` : `makes ${phrase} depend on the facts`;
  if (favorable) return to === 'yes' ? `secures ${phrase}` : `loses ${phrase}`;
  if (to === 'no') return from === 'yes' ? `removes ${phrase}` : `clears ${phrase}`;
  return from === 'no' ? `adds ${phrase}` : `confirms ${phrase}`;
}

const money = (n: number) => `$${n.toLocaleString('en-US')}`;

/** The inputs that differ between two alternatives, as "365 → 364 days". */
export function inputChanges(a: AnalysisAlternative, b: AnalysisAlternative): string[] {
  const out: string[] = [];
  const offense = (x: AnalysisAlternative) => x.citation ?? x.offenseId ?? '';
  if (offense(a) !== offense(b) || (a.jurisdiction ?? '') !== (b.jurisdiction ?? ''))
    out.push(`${offense(a)} → ${offense(b)}`);
  const show = (v: unknown, unit: string, none: string) =>
    v === null || v === undefined || v === '' ? none : typeof v === 'number' && unit === '$' ? money(v) : `${v}${unit}`;
  const fields: [unknown, unknown, string, string][] = [
    [a.grade, b.grade, '', 'grade not given'],
    [a.stage, b.stage, '', ''],
    [a.sentenceDays, b.sentenceDays, '', 'no sentence'],
    [a.maxSentenceDays, b.maxSentenceDays, '', 'the entry’s maximum'],
    [a.lossAmount, b.lossAmount, '$', 'no loss given'],
    [a.drug, b.drug, '', 'no drug given'],
    [a.quantityGrams, b.quantityGrams, ' g', 'no quantity given'],
    [a.offenseDate, b.offenseDate, '', 'no offense date'],
  ];
  fields.forEach(([x, y, unit, none], i) => {
    if ((x ?? null) === (y ?? null)) return;
    const text = `${show(x, unit, none)} → ${show(y, unit, none)}`;
    // Sentences read as "365 → 364 days"; a maximum as "maximum 364 → 365 days".
    out.push(i === 2 ? `${text} days` : i === 3 ? `maximum ${text} days` : text);
  });
  return out;
}

/** Each ground whose outcome differs between the alternatives, explained from the first one. */
export function differences(request: AnalysisRequest, results: AlternativeResult[]): FindingDifference[] {
  if (results.length < 2) return [];
  const diffs: FindingDifference[] = [];
  for (const ground of FINDING_GROUND_CODES) {
    const outcomes = results.map((r) => ({
      label: r.label,
      outcome: r.findings.find((f) => f.ground === ground)?.outcome ?? 'unknown',
    }));
    if (outcomes.every((o) => o.outcome === outcomes[0]!.outcome)) continue;
    const base = outcomes[0]!;
    const lines: string[] = [];
    outcomes.slice(1).forEach((o, k) => {
      if (o.outcome === base.outcome) return;
      const changes = inputChanges(request.alternatives[0]!, request.alternatives[k + 1]!);
      const what = changes.length ? changes.join(', ') : 'the same inputs';
      const favorable = FAVORABLE_GROUNDS.includes(ground);
      lines.push(
        `${what} ${movement(base.outcome, o.outcome, PHRASE[ground], favorable)} (${base.label} → ${o.label})`,
      );
    });
    diffs.push({ ground, outcomes, summary: lines.join('; ') });
  }
  return diffs;
}
