CREATE TABLE "authority_cards" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"citation" text NOT NULL,
	"court" text NOT NULL,
	"decided_on" date,
	"summary" text NOT NULL,
	"normalized" text NOT NULL,
	"case_name" text
);
--> statement-breakpoint
CREATE TABLE "authority_status_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"authority_key" text NOT NULL,
	"citation" text NOT NULL,
	"status" text NOT NULL,
	"date" date NOT NULL,
	"by" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citation_links" (
	"document_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"citation" text NOT NULL,
	"normalized" text NOT NULL,
	"case_name" text,
	"target_document_id" uuid,
	CONSTRAINT "citation_links_document_id_position_pk" PRIMARY KEY("document_id","position")
);
--> statement-breakpoint
CREATE TABLE "document_reads" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"read_count" bigint DEFAULT 0 NOT NULL,
	"last_read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "authority_status_entries" ADD CONSTRAINT "authority_status_entries_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citation_links" ADD CONSTRAINT "citation_links_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citation_links" ADD CONSTRAINT "citation_links_target_document_id_documents_id_fk" FOREIGN KEY ("target_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_reads" ADD CONSTRAINT "document_reads_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authority_cards_normalized_idx" ON "authority_cards" USING btree ("normalized");--> statement-breakpoint
CREATE INDEX "authority_cards_case_name_idx" ON "authority_cards" USING btree ("case_name");--> statement-breakpoint
CREATE INDEX "authority_status_entries_key_idx" ON "authority_status_entries" USING btree ("authority_key","set_at");--> statement-breakpoint
CREATE INDEX "citation_links_target_idx" ON "citation_links" USING btree ("target_document_id");--> statement-breakpoint
CREATE INDEX "citation_links_normalized_idx" ON "citation_links" USING btree ("normalized");--> statement-breakpoint
CREATE INDEX "citation_links_case_name_idx" ON "citation_links" USING btree ("case_name");--> statement-breakpoint
-- What each citation names as an authority: the held document, else the authority card it matches, else itself.
CREATE VIEW "citation_authorities" AS
SELECT l."document_id", l."position", l."citation", l."normalized", l."target_document_id", card."slug" AS "card_slug",
  CASE WHEN l."target_document_id" IS NOT NULL THEN 'doc:' || l."target_document_id"::text
       WHEN card."slug" IS NOT NULL THEN 'card:' || card."slug"
       ELSE 'cite:' || l."normalized" END AS "authority_key"
FROM "citation_links" l
LEFT JOIN LATERAL (
  SELECT c."slug" FROM "authority_cards" c
  WHERE l."target_document_id" IS NULL
    AND (c."normalized" = l."normalized" OR (l."case_name" IS NOT NULL AND c."case_name" = l."case_name"))
  ORDER BY c."slug" LIMIT 1
) card ON true;--> statement-breakpoint
-- An authority's status: its latest entry (`good` clears a flag).
CREATE VIEW "current_authority_statuses" AS
SELECT DISTINCT ON ("authority_key") "authority_key", "citation", "status", "date", "by", "note", "set_by", "set_at"
FROM "authority_status_entries"
ORDER BY "authority_key", "set_at" DESC, "id" DESC;--> statement-breakpoint
-- Why a published document needs review: an authority it cites flagged after its published revision went public.
CREATE VIEW "document_review_reasons" AS
SELECT ca."document_id", ca."citation", ca."authority_key", ca."target_document_id", ca."card_slug",
  s."status", s."date", s."by", s."note", s."set_at"
FROM "citation_authorities" ca
JOIN "documents" d ON d."id" = ca."document_id" AND d."status" = 'published'
JOIN "revisions" r ON r."id" = d."published_revision_id"
JOIN "current_authority_statuses" s ON s."authority_key" = ca."authority_key" AND s."status" <> 'good'
WHERE s."set_at" > coalesce(r."published_at", d."published_at", '-infinity'::timestamptz);
