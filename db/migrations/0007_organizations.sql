CREATE TYPE "public"."review_entry_kind" AS ENUM('comment', 'approval');--> statement-breakpoint
CREATE TYPE "public"."review_policy" AS ENUM('single', 'two_person');--> statement-breakpoint
CREATE TABLE "review_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"revision_id" uuid,
	"kind" "review_entry_kind" NOT NULL,
	"author_id" uuid,
	"body" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"short_name" text DEFAULT '' NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"review_policy" "review_policy" DEFAULT 'single' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_name_unique" UNIQUE("name"),
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "org_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "review_entries" ADD CONSTRAINT "review_entries_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_entries" ADD CONSTRAINT "review_entries_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_entries" ADD CONSTRAINT "review_entries_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_entries_document_idx" ON "review_entries" USING btree ("document_id","created_at");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_organization_idx" ON "documents" USING btree ("organization_id");--> statement-breakpoint
-- Existing databases: every publisher text of a document's latest revision becomes an
-- organization (slug from the name), and the document belongs to it.
INSERT INTO "organizations" ("name", "slug")
SELECT DISTINCT ON (slug) name, slug FROM (
	SELECT btrim(r."publisher") AS name,
		btrim(regexp_replace(lower(btrim(r."publisher")), '[^a-z0-9]+', '-', 'g'), '-') AS slug
	FROM "documents" d JOIN "revisions" r ON r."id" = d."head_revision_id"
	WHERE btrim(r."publisher") <> ''
) p WHERE slug <> '' ORDER BY slug, name
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "documents" d SET "organization_id" = o."id"
FROM "revisions" r, "organizations" o
WHERE r."id" = d."head_revision_id"
	AND o."slug" = btrim(regexp_replace(lower(btrim(r."publisher")), '[^a-z0-9]+', '-', 'g'), '-');--> statement-breakpoint
-- Editors whose profile named one of these organizations become its members.
UPDATE "users" u SET "organization_id" = o."id"
FROM "organizations" o
WHERE u."role" IN ('editor', 'admin') AND lower(btrim(u."organization")) = lower(o."name");
