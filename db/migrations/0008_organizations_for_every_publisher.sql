-- 0007 made an organization of every publisher whose name has Latin letters or digits (its
-- slug); a publisher named only in another script or in punctuation ("移民法律中心", "—") got
-- none and its documents no owner. Each such name becomes an organization too, with an
-- address made from the name's hash, and its documents belong to it.
INSERT INTO "organizations" ("name", "slug")
SELECT DISTINCT ON (lower(name)) name, 'publisher-' || left(md5(lower(name)), 10)
FROM (
	SELECT btrim(r."publisher") AS name
	FROM "documents" d JOIN "revisions" r ON r."id" = d."head_revision_id"
	WHERE d."organization_id" IS NULL AND btrim(r."publisher") <> ''
) p ORDER BY lower(name), name
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "documents" d SET "organization_id" = o."id"
FROM "revisions" r, "organizations" o
WHERE r."id" = d."head_revision_id" AND d."organization_id" IS NULL AND btrim(r."publisher") <> ''
	AND lower(o."name") = lower(btrim(r."publisher"));--> statement-breakpoint
UPDATE "users" u SET "organization_id" = o."id"
FROM "organizations" o
WHERE u."organization_id" IS NULL AND u."role" IN ('editor', 'admin')
	AND lower(btrim(u."organization")) = lower(o."name") AND o."slug" LIKE 'publisher-%';
