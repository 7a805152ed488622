import {
  ANALYSIS_DISCLAIMER,
  type AnalysisAlternative,
  CLIENT_STATUS_LABELS,
  FINDING_GROUNDS,
  type SavedAnalysis,
} from '@kb/contracts';
import PDFDocument from 'pdfkit';

// The PDF's standard fonts speak WinAnsi: the few characters the analyzer writes outside it
// get their plain equivalents, so the text stays extractable and readable.
const PLAIN: Record<string, string> = { '→': '->', '≤': '<=', '≥': '>=', '≠': '!=', '✓': 'v', '•': '-' };
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export const pdfSafe = (text: string) =>
  [...text]
    .map((ch) => PLAIN[ch] ?? ch)
    .map((ch) => ((ch.codePointAt(0) ?? 0) <= 0xff || WIN_ANSI_EXTRA.has(ch) ? ch : '?'))
    .join('')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');

const OUTCOME_WORDS = { yes: 'YES', no: 'NO', depends: 'DEPENDS', unknown: 'UNKNOWN' } as const;

function pleaFacts(a: AnalysisAlternative): string {
  const parts = [
    a.stage === 'charged' ? 'charged (not convicted)' : 'conviction',
    a.grade ? `as a ${a.grade}` : '',
    a.sentenceDays !== null && a.sentenceDays !== undefined
      ? `sentence ${a.sentenceDays} days (counting suspended time)`
      : 'no sentence given',
    a.offenseDate ? `offense date ${a.offenseDate}` : 'offense date not given',
    a.maxSentenceDays !== null && a.maxSentenceDays !== undefined ? `maximum ${a.maxSentenceDays} days` : '',
    a.lossAmount !== null && a.lossAmount !== undefined ? `loss $${a.lossAmount.toLocaleString('en-US')}` : '',
    a.drug ? `drug: ${a.drug}` : '',
    a.quantityGrams !== null && a.quantityGrams !== undefined ? `${a.quantityGrams} g` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/**
 * The advisal memo as a PDF (pdfkit, standard fonts, real text so it can be searched and
 * extracted): the inputs, every finding with its rule and authorities, each entry's revision
 * and last-reviewed date, the lawyer's advice and the disclaimer.
 */
export function memoPdf(saved: SavedAnalysis, preparedBy: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 56,
    info: {
      Title: pdfSafe(`Advisal memo: ${saved.matter}`),
      Author: pdfSafe(preparedBy),
      Subject: 'Immigration consequences of a plea',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfSafe(value), options);
  const heading = (value: string, size = 13) => {
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size);
    text(value);
    doc.font('Helvetica').fontSize(10).moveDown(0.2);
  };
  const { request, result } = saved;

  doc.font('Helvetica-Bold').fontSize(16);
  text('Advisal memo: immigration consequences of a plea');
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  text(`Matter: ${saved.matter}`);
  text(
    `Analysis made on ${result.analyzedOn}; saved ${saved.createdAt.slice(0, 10)}${saved.updatedAt !== saved.createdAt ? `; last edited ${saved.updatedAt.slice(0, 10)}` : ''}.`,
  );
  text(`Prepared by: ${preparedBy}`);
  doc.moveDown(0.3).font('Helvetica-Oblique');
  text(ANALYSIS_DISCLAIMER);
  doc.font('Helvetica');

  heading('Client');
  const c = request.client;
  text(
    `Status: ${CLIENT_STATUS_LABELS[c.status]}. Admitted on: ${c.admittedOn ?? 'not given'}. Entered without inspection: ${c.enteredWithoutInspection === true ? 'yes' : c.enteredWithoutInspection === false ? 'no' : 'not known'}.`,
  );
  if (result.priors.length) {
    text('Prior convictions:');
    result.priors.forEach((p, i) => {
      const entry = p.entry;
      text(
        `- ${entry ? `${entry.statutes.join(', ')} (${entry.offenseName}), entry revision ${entry.revisionNumber}, last reviewed ${entry.lastReviewedAt ?? 'not recorded'}` : `${p.citation ?? 'citation'} (no entry in the library: classification unknown)`}; convicted ${p.convictedOn}; sentence ${request.priors[i]?.sentenceDays ?? 'not given'} days.`,
        { indent: 10 },
      );
    });
  } else {
    text('Prior convictions: none entered.');
  }

  if (saved.advice.trim()) {
    heading('Advice given');
    text(saved.advice);
  }

  if (result.differences.length) {
    heading('What changes between the alternatives');
    for (const d of result.differences) text(`- ${FINDING_GROUNDS[d.ground]}: ${d.summary}.`, { indent: 10 });
  }

  result.alternatives.forEach((alt, i) => {
    heading(`Alternative ${alt.label}`);
    const e = alt.entry;
    text(`${e.statutes.join(', ')}: ${e.offenseName} (${e.jurisdiction}).`);
    text(`Offense entry revision ${e.revisionNumber}, last reviewed ${e.lastReviewedAt ?? 'not recorded'}.`);
    const input = request.alternatives[i];
    if (input) text(`Plea: ${pleaFacts(input)}.`);
    for (const f of alt.findings) {
      doc.moveDown(0.4).font('Helvetica-Bold');
      text(`${FINDING_GROUNDS[f.ground]}: ${OUTCOME_WORDS[f.outcome]}  (${f.rule})`);
      doc.font('Helvetica');
      text(f.reason, { indent: 10 });
      if (f.whatWouldChange) text(`What would change it: ${f.whatWouldChange}`, { indent: 10 });
      text(`Authorities: ${f.authorities.join('; ')}`, { indent: 10 });
    }
  });

  heading('Offense entries relied on');
  const seen = new Set<string>();
  for (const e of [
    ...result.alternatives.map((a) => a.entry),
    ...result.priors.flatMap((p) => (p.entry ? [p.entry] : [])),
  ]) {
    if (seen.has(e.revisionId)) continue;
    seen.add(e.revisionId);
    text(
      `- ${e.statutes.join(', ')} (${e.offenseName}): revision ${e.revisionNumber}, last reviewed ${e.lastReviewedAt ?? 'not recorded'}.`,
      { indent: 10 },
    );
  }

  heading('Authorities cited');
  const authorities = [...new Set(result.alternatives.flatMap((a) => a.findings.flatMap((f) => f.authorities)))].sort();
  text(authorities.join('; '));

  doc.moveDown(1).font('Helvetica-Oblique');
  text(ANALYSIS_DISCLAIMER);
  doc.end();
  return done;
}
