CREATE TABLE "sign_in_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"address" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('writer', 'editor', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"organisation_name" text NOT NULL,
	"letterhead" jsonb NOT NULL,
	"logo_key" text,
	"accent_color" text DEFAULT '#1d3f6e' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"default_language" text DEFAULT 'en' NOT NULL,
	"boilerplate" text DEFAULT '' NOT NULL,
	"default_contact" jsonb,
	"workflow" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settings_single_row" CHECK ("settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "release_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"headline" text NOT NULL,
	"subtitle" text,
	"dateline" text,
	"release_date" date,
	"reference" text,
	"summary" text,
	"body" jsonb NOT NULL,
	"related_documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes_to_editors" jsonb,
	"boilerplate" text,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_slugs" (
	"slug" text PRIMARY KEY NOT NULL,
	"release_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"type_id" uuid,
	"language" text DEFAULT 'en' NOT NULL,
	"translation_group" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"current_revision_id" uuid,
	"approved_revision_id" uuid,
	"approved_content_hash" text,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"published_revision_id" uuid,
	"publish_at" timestamp with time zone,
	"embargo_until" timestamp with time zone,
	"first_published_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "releases_status_check" CHECK (status in ('draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'embargoed', 'published', 'retracted', 'trashed'))
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"release_id" uuid PRIMARY KEY NOT NULL,
	"revision_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"slug" text NOT NULL,
	"type_slug" text,
	"type_name" text,
	"language" text NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"headline" text NOT NULL,
	"subtitle" text,
	"dateline" text,
	"release_date" date,
	"reference" text,
	"summary" text DEFAULT '' NOT NULL,
	"html" text NOT NULL,
	"plain_text" text NOT NULL,
	"related_documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes_to_editors_html" text,
	"boilerplate" text,
	"published_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"retracted_at" timestamp with time zone,
	"retraction_reason" text
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_email" text,
	"action" text NOT NULL,
	"release_id" uuid,
	"subject_user_id" uuid,
	"from_state" text,
	"to_state" text,
	"revision_id" uuid,
	"comment" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"address" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "release_revisions" ADD CONSTRAINT "release_revisions_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_revisions" ADD CONSTRAINT "release_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_slugs" ADD CONSTRAINT "release_slugs_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_type_id_release_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."release_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_failures_email_address_at_idx" ON "sign_in_failures" USING btree ("email","address","at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_address_at_idx" ON "sign_in_failures" USING btree ("address","at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "release_types_slug_idx" ON "release_types" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "topics_slug_idx" ON "topics" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "release_revisions_release_number_idx" ON "release_revisions" USING btree ("release_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "releases_slug_idx" ON "releases" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "releases_status_idx" ON "releases" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "releases_due_idx" ON "releases" USING btree ("publish_at") WHERE "releases"."status" in ('scheduled', 'embargoed');--> statement-breakpoint
CREATE UNIQUE INDEX "publications_slug_idx" ON "publications" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "publications_live_published_at_idx" ON "publications" USING btree ("published_at" DESC NULLS LAST,"release_id") WHERE "publications"."retracted_at" is null;--> statement-breakpoint
CREATE INDEX "audit_log_release_idx" ON "audit_log" USING btree ("release_id","id");