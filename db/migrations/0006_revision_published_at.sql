ALTER TABLE "revisions" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
-- Backfill: the revision each document publishes now, and every revision an editor published (audit trail).
UPDATE "revisions" r SET "published_at" = d."published_at" FROM "documents" d WHERE d."published_revision_id" = r."id" AND d."published_at" IS NOT NULL;--> statement-breakpoint
UPDATE "revisions" r SET "published_at" = a.at FROM (SELECT ("details"->>'revisionId')::uuid AS revision_id, min("created_at") AS at FROM "audit_log" WHERE "action" = 'document.publish' AND "details" ? 'revisionId' GROUP BY 1) a WHERE a.revision_id = r."id" AND (r."published_at" IS NULL OR r."published_at" > a.at);
