import { sql } from "drizzle-orm";
import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { MediaContact } from "./settings";
import type { RelatedDocument } from "./releases";
import { releases } from "./releases";
import { users } from "./users";

export type PublicNote = { kind: "correction" | "update"; text: string; at: string };

/**
 * The only table the public side reads. Written only by the publishing transitions (publish, update,
 * embargo lift, retract), so drafts and pending releases cannot leak by construction.
 */
export const publications = pgTable(
  "publications",
  {
    releaseId: uuid("release_id")
      .primaryKey()
      .references(() => releases.id),
    revisionId: uuid("revision_id").notNull(),
    contentHash: text("content_hash").notNull(),
    slug: text("slug").notNull(),
    typeSlug: text("type_slug"),
    typeName: text("type_name"),
    language: text("language").notNull(),
    topics: jsonb("topics").$type<string[]>().notNull().default([]),
    headline: text("headline").notNull(),
    subtitle: text("subtitle"),
    dateline: text("dateline"),
    releaseDate: date("release_date", { mode: "string" }),
    reference: text("reference"),
    summary: text("summary").notNull().default(""),
    html: text("html").notNull(),
    plainText: text("plain_text").notNull(),
    relatedDocuments: jsonb("related_documents").$type<RelatedDocument[]>().notNull().default([]),
    contacts: jsonb("contacts").$type<MediaContact[]>().notNull().default([]),
    notesToEditorsHtml: text("notes_to_editors_html"),
    boilerplate: text("boilerplate"),
    /** Public correction and update notes, oldest first ("Corrected on 3 March 2019: …"). */
    corrections: jsonb("corrections").$type<PublicNote[]>().notNull().default([]),
    /** Media files the live version uses: the only ones /media serves to the public. */
    mediaKeys: jsonb("media_keys").$type<string[]>().notNull().default([]),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    publishedBy: uuid("published_by").references(() => users.id),
    retractedAt: timestamp("retracted_at", { withTimezone: true }),
    retractionReason: text("retraction_reason"),
  },
  (table) => [
    uniqueIndex("publications_slug_idx").on(table.slug),
    index("publications_live_published_at_idx")
      .on(table.publishedAt.desc(), table.releaseId)
      .where(sql`${table.retractedAt} is null`),
  ],
);
