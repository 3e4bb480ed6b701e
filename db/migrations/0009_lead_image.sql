-- Rows published before this migration get their lead image from the body of the revision they
-- show, by the same rule as lib/content/lead-image.ts: the first figure in document order (strict
-- `.**` walks arrays in order and a node before its children) whose src is /media/<key>.
ALTER TABLE "publications" ADD COLUMN "lead_image" jsonb;--> statement-breakpoint
UPDATE "publications" AS p SET "lead_image" = jsonb_build_object(
  'key', substr(f."figure" #>> '{attrs,src}', 8),
  'alt', CASE WHEN jsonb_typeof(f."figure" #> '{attrs,alt}') = 'string' THEN f."figure" #>> '{attrs,alt}' ELSE '' END,
  'width', CASE WHEN jsonb_typeof(f."figure" #> '{attrs,width}') = 'number' AND (f."figure" #>> '{attrs,width}') ~ '^([1-9][0-9]{0,3}|1[0-9]{4}|20000)$' THEN f."figure" #> '{attrs,width}' END,
  'height', CASE WHEN jsonb_typeof(f."figure" #> '{attrs,height}') = 'number' AND (f."figure" #>> '{attrs,height}') ~ '^([1-9][0-9]{0,3}|1[0-9]{4}|20000)$' THEN f."figure" #> '{attrs,height}' END
)
FROM (
  SELECT pub."release_id", jsonb_path_query_first(
    rev."body",
    'strict $.** ? (@.type == "figure" && @.attrs.src like_regex "^/media/[a-z0-9][a-z0-9._-]{5,120}$" && !(@.attrs.src like_regex "[.][.]"))'
  ) AS "figure"
  FROM "publications" pub JOIN "release_revisions" rev ON rev."id" = pub."revision_id"
) AS f
WHERE f."release_id" = p."release_id" AND f."figure" IS NOT NULL;
