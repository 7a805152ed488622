CREATE TYPE "public"."search_phrase_kind" AS ENUM('abbreviation', 'lay_term', 'offense_name');--> statement-breakpoint
CREATE TABLE "search_filter_stats" (
	"day" date NOT NULL,
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "search_filter_stats_day_facet_value_pk" PRIMARY KEY("day","facet","value")
);
--> statement-breakpoint
CREATE TABLE "search_phrases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "search_phrase_kind" NOT NULL,
	"phrase" text NOT NULL,
	"meanings" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_query_stats" (
	"day" date NOT NULL,
	"query" text NOT NULL,
	"searches" integer DEFAULT 0 NOT NULL,
	"zero_results" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "search_query_stats_day_query_pk" PRIMARY KEY("day","query")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "search_phrases_phrase_idx" ON "search_phrases" USING btree (lower("phrase"));