import type { ResolvedEntry } from '@kb/analyzer';
import type { Tx } from '@kb/db';
import { citationAnswer, findEntry } from '../offenses';

/** How a request names an offense: an entry id, or a citation with its jurisdiction. */
export interface OffenseReference {
  offenseId?: string | null;
  citation?: string | null;
  jurisdiction?: string | null;
}

export type Resolution =
  | { entry: ResolvedEntry }
  | { entry: null; reason: 'none' }
  | { entry: null; reason: 'several'; candidates: string[] };

/**
 * The published entry revision an offense reference names. A citation must name exactly one
 * entry of its jurisdiction ("PC 459" names both degrees of burglary: the caller asks which).
 */
export async function resolveOffense(tx: Tx, ref: OffenseReference): Promise<Resolution> {
  if (ref.offenseId) {
    const row = await findEntry(tx, ref.offenseId, 'published');
    if (!row) return { entry: null, reason: 'none' };
    return {
      entry: {
        id: row.id,
        revisionId: row.revisionId,
        revisionNumber: row.revisionNumber,
        lastReviewedAt: row.lastReviewedAt,
        data: row.offense,
      },
    };
  }
  if (!ref.citation) return { entry: null, reason: 'none' };
  const answer = await citationAnswer(tx, ref.citation);
  const rows =
    answer?.match === 'exact'
      ? answer.entries.filter((e) => !ref.jurisdiction || e.jurisdiction === ref.jurisdiction)
      : [];
  if (rows.length === 0) return { entry: null, reason: 'none' };
  if (rows.length > 1) {
    return {
      entry: null,
      reason: 'several',
      candidates: rows.map((r) => `${r.data.statutes.join(', ')} (${r.data.offenseName}, offenseId ${r.id})`),
    };
  }
  const row = rows[0]!;
  return {
    entry: {
      id: row.id,
      revisionId: row.revisionId,
      revisionNumber: row.revisionNumber,
      lastReviewedAt: row.lastReviewedAt,
      data: row.data,
    },
  };
}
