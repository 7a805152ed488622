import { isIP } from 'node:net';
import { auditLog, type Tx } from '@kb/db';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends to the audit trail; call inside the transaction of the action it records. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
    // Only real addresses: a forged X-Forwarded-For must not break the insert.
    ip: entry.ip && isIP(entry.ip) ? entry.ip : null,
  });
}
