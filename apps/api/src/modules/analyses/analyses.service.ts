import { analyze, type ResolvedEntry, requestProblems } from '@kb/analyzer';
import type {
  AnalysisRequest,
  AnalysisResult,
  SavedAnalysis,
  SavedAnalysisCreate,
  SavedAnalysisListResponse,
  SavedAnalysisUpdate,
} from '@kb/contracts';
import type { Database } from '@kb/db';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit';
import { type OffenseReference, type Resolution, resolveOffense } from './analyses.entries';
import {
  type AnalysisRow,
  deleteAnalysis,
  findAnalysis,
  insertAnalysis,
  listAnalyses,
  updateAnalysis,
} from './analyses.repository';

const analysisNotFound = () => notFound('Analysis');

/** The day in UTC: the five-year clock and "a date in the future" are measured from it. */
export const today = () => new Date().toISOString().slice(0, 10);

const describeReference = (ref: OffenseReference) =>
  ref.offenseId ? `offense ${ref.offenseId}` : `“${ref.citation}”${ref.jurisdiction ? ` (${ref.jurisdiction})` : ''}`;

/** A citation that names no published entry (or several): well formed, but it cannot be analyzed. */
function unresolved(field: string, ref: OffenseReference, resolution: Resolution) {
  const several = resolution.entry === null && resolution.reason === 'several' ? resolution.candidates : [];
  return new AppError(
    422,
    'unprocessable',
    several.length
      ? `${field}: ${describeReference(ref)} matches ${several.length} published offense entries (${several.join('; ')}); give the offenseId of one.`
      : `${field}: no published offense entry matches ${describeReference(ref)}. Pick an entry from the citation search.`,
    { field, citation: ref.citation ?? null, offenseId: ref.offenseId ?? null },
  );
}

/**
 * Checks what the schema cannot (dates in the future, how offenses are named), resolves every
 * offense to its published entry revision, and runs the analyzer. Nothing is saved.
 */
export async function computeAnalysis(db: Database, request: AnalysisRequest, on = today()): Promise<AnalysisResult> {
  const [problem] = requestProblems(request, on);
  if (problem) throw new AppError(400, 'validation_failed', problem.message, { field: problem.field });
  const alternatives: ResolvedEntry[] = [];
  for (const [i, alternative] of request.alternatives.entries()) {
    const resolution = await resolveOffense(db, alternative);
    if (!resolution.entry) throw unresolved(`alternatives[${i}]`, alternative, resolution);
    alternatives.push(resolution.entry);
  }
  const priors: (ResolvedEntry | null)[] = [];
  for (const [i, prior] of (request.priors ?? []).entries()) {
    const resolution = await resolveOffense(db, prior);
    // A free citation may name no entry (its classification is then unknown); an id, or a
    // citation naming several entries, must be made precise.
    if (!resolution.entry && (prior.offenseId || resolution.reason === 'several')) {
      throw unresolved(`priors[${i}]`, prior, resolution);
    }
    priors.push(resolution.entry);
  }
  return analyze(request, { alternatives, priors }, on);
}

function toSaved(row: AnalysisRow): SavedAnalysis {
  return {
    id: row.id,
    matter: row.matter,
    advice: row.advice,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    request: row.request,
    result: row.result,
  };
}

const cleanMatter = (matter: string) => matter.replace(/\s+/g, ' ').trim();

/** Saves the analysis as computed now; the audit log records that it was saved, never what it says. */
export async function saveAnalysis(
  db: Database,
  userId: string,
  body: SavedAnalysisCreate,
  ip: string | null,
): Promise<SavedAnalysis> {
  const result = await computeAnalysis(db, body.request);
  const row = await db.transaction(async (tx) => {
    const inserted = await insertAnalysis(tx, {
      userId,
      matter: cleanMatter(body.matter),
      advice: body.advice ?? '',
      request: body.request,
      result,
    });
    await recordAudit(tx, {
      actorId: userId,
      action: 'analysis.saved',
      targetType: 'analysis',
      targetId: inserted.id,
      ip,
    });
    return inserted;
  });
  return toSaved(row);
}

export async function listSavedAnalyses(db: Database, userId: string): Promise<SavedAnalysisListResponse> {
  const rows = await listAnalyses(db, userId);
  return {
    items: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      alternatives: r.alternatives ?? [],
    })),
  };
}

export async function getSavedAnalysis(db: Database, userId: string, id: string): Promise<SavedAnalysis> {
  const row = await findAnalysis(db, userId, id);
  if (!row) throw analysisNotFound();
  return toSaved(row);
}

/** The matter label and the advice text are the lawyer's to edit; the findings stay as computed. */
export async function updateSavedAnalysis(
  db: Database,
  userId: string,
  id: string,
  patch: SavedAnalysisUpdate,
): Promise<SavedAnalysis> {
  const row = await updateAnalysis(db, userId, id, {
    ...(patch.matter !== undefined ? { matter: cleanMatter(patch.matter) } : {}),
    ...(patch.advice !== undefined ? { advice: patch.advice } : {}),
  });
  if (!row) throw analysisNotFound();
  return toSaved(row);
}

/** Deletes for good: no copy is kept; the audit log keeps only that it was deleted. */
export async function deleteSavedAnalysis(db: Database, userId: string, id: string, ip: string | null) {
  await db.transaction(async (tx) => {
    if (!(await deleteAnalysis(tx, userId, id))) throw analysisNotFound();
    await recordAudit(tx, { actorId: userId, action: 'analysis.deleted', targetType: 'analysis', targetId: id, ip });
  });
  return { ok: true as const };
}
