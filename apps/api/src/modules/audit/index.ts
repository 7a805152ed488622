/** audit: the audit trail every module writes to (read by admin). */
export { type AuditEntry, recordAudit } from './audit.repository';
