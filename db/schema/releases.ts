import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { JSONContent } from "@tiptap/core";
import type { MediaContact, RelatedDocument } from "../../lib/content/release";
import { RELEASE_STATUSES, type ReleaseStatus } from "../../lib/workflow/states";
import { releaseTypes } from "./taxonomy";
import { users } from "./users";

const statusList = RELEASE_STATUSES.map((status) => `'${status}'`).join(", ");

export const releases = pgTable(
  "releases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    /** Releases sharing a group are the same release in other languages. */
    translationGroup: uuid("translation_group").notNull().defaultRandom(),
    status: text("status").$type<ReleaseStatus>().notNull().default("draft"),
    /** Optimistic concurrency: every write names the version it was based on. */
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").notNull().references(() => users.id),
    currentRevisionId: uuid("current_revision_id"),
    approvedRevisionId: uuid("approved_revision_id"),
    approvedContentHash: text("approved_content_hash"),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    publishedRevisionId: uuid("published_revision_id"),
    publishAt: timestamp("publish_at", { withTimezone: true }),
    embargoUntil: timestamp("embargo_until", { withTimezone: true }),
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("releases_slug_idx").on(table.slug),
    index("releases_status_idx").on(table.status, table.updatedAt),
    index("releases_due_idx").on(table.publishAt).where(sql`${table.status} in ('scheduled', 'embargoed')`),
    check("releases_status_check", sql.raw(`status in (${statusList})`)),
  ],
);

/** Every field a writer edits, one row per saved revision. */
export const releaseRevisions = pgTable(
  "release_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    releaseId: uuid("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    typeId: uuid("type_id").references(() => releaseTypes.id),
    language: text("language").notNull().default("en"),
    headline: text("headline").notNull(),
    subtitle: text("subtitle"),
    dateline: text("dateline"),
    releaseDate: date("release_date", { mode: "string" }),
    reference: text("reference"),
    summary: text("summary"),
    body: jsonb("body").$type<JSONContent>().notNull(),
    relatedDocuments: jsonb("related_documents").$type<RelatedDocument[]>().notNull().default([]),
    contacts: jsonb("contacts").$type<MediaContact[]>().notNull().default([]),
    notesToEditors: jsonb("notes_to_editors").$type<JSONContent | null>(),
    boilerplate: text("boilerplate"),
    topics: jsonb("topics").$type<string[]>().notNull().default([]),
    contentHash: text("content_hash").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("release_revisions_release_number_idx").on(table.releaseId, table.number)],
);

/** Who has a release open in the editor, refreshed by each open editor every few seconds. */
export const releasePresence = pgTable(
  "release_presence",
  {
    releaseId: uuid("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.releaseId, table.userId] })],
);

/** Old slugs of a release, answered with a 301 to the current one. */
export const releaseSlugs = pgTable("release_slugs", {
  slug: text("slug").primaryKey(),
  releaseId: uuid("release_id")
    .notNull()
    .references(() => releases.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
