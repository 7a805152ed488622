CREATE TYPE "public"."supersession_request_status" AS ENUM('pending', 'approved', 'declined', 'withdrawn');--> statement-breakpoint
ALTER TYPE "public"."review_entry_kind" ADD VALUE 'supersession';--> statement-breakpoint
CREATE TABLE "supersession_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"successor_id" uuid NOT NULL,
	"status" "supersession_request_status" DEFAULT 'pending' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decision_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "supersession_requests" ADD CONSTRAINT "supersession_requests_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supersession_requests" ADD CONSTRAINT "supersession_requests_successor_id_documents_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supersession_requests" ADD CONSTRAINT "supersession_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supersession_requests" ADD CONSTRAINT "supersession_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supersession_requests_document_idx" ON "supersession_requests" USING btree ("document_id","status");--> statement-breakpoint
CREATE INDEX "supersession_requests_successor_idx" ON "supersession_requests" USING btree ("successor_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "supersession_requests_pending_idx" ON "supersession_requests" USING btree ("document_id","successor_id") WHERE "supersession_requests"."status" = 'pending';