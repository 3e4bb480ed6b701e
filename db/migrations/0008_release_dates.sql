-- Rows published before this migration take the organisation's zone as it is now (UTC without one).
ALTER TABLE "publications" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
UPDATE "publications" SET "time_zone" = s."time_zone" FROM "settings" s WHERE s."id" = 1 AND s."time_zone" IN (SELECT "name" FROM pg_timezone_names);--> statement-breakpoint
ALTER TABLE "publications" ALTER COLUMN "time_zone" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "effective_date" date GENERATED ALWAYS AS (coalesce("release_date", ("published_at" at time zone "time_zone")::date)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "publications_live_effective_date_idx" ON "publications" USING btree ("effective_date" DESC NULLS FIRST,"published_at" DESC NULLS FIRST,"release_id" DESC NULLS FIRST) WHERE "publications"."retracted_at" is null;
