DROP INDEX "publications_live_published_at_idx";--> statement-breakpoint
CREATE INDEX "publications_updated_at_idx" ON "publications" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "publications_live_published_at_idx" ON "publications" USING btree ("published_at" DESC NULLS FIRST,"release_id" DESC NULLS FIRST) WHERE "publications"."retracted_at" is null;