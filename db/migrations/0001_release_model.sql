CREATE TABLE "release_presence" (
	"release_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "release_presence_release_id_user_id_pk" PRIMARY KEY("release_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"original_name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "releases" DROP CONSTRAINT "releases_type_id_release_types_id_fk";
--> statement-breakpoint
ALTER TABLE "release_revisions" ADD COLUMN "type_id" uuid;--> statement-breakpoint
ALTER TABLE "release_revisions" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "media_keys" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "release_presence" ADD CONSTRAINT "release_presence_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_presence" ADD CONSTRAINT "release_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "media_key_idx" ON "media" USING btree ("key");--> statement-breakpoint
CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "release_revisions" ADD CONSTRAINT "release_revisions_type_id_release_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."release_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "release_revisions" AS "r" SET "type_id" = "rel"."type_id", "language" = "rel"."language" FROM "releases" AS "rel" WHERE "r"."release_id" = "rel"."id";--> statement-breakpoint
ALTER TABLE "releases" DROP COLUMN "type_id";--> statement-breakpoint
ALTER TABLE "releases" DROP COLUMN "language";