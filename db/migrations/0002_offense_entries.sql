CREATE TABLE "offense_statutes" (
	"document_id" uuid NOT NULL,
	"jurisdiction" text NOT NULL,
	"statute_key" text NOT NULL,
	"section_key" text,
	"statute" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "offense_statutes_document_id_statute_key_pk" PRIMARY KEY("document_id","statute_key")
);
--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "offense" jsonb;--> statement-breakpoint
ALTER TABLE "offense_statutes" ADD CONSTRAINT "offense_statutes_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offense_statutes_key_idx" ON "offense_statutes" USING btree ("statute_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "offense_statutes_jurisdiction_idx" ON "offense_statutes" USING btree ("jurisdiction","statute_key");