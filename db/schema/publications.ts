import { sql, type SQL } from "drizzle-orm";
import { customType, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { LeadImage } from "../../lib/content/lead-image";
import type { DatedPublicNote, MediaContact, RelatedDocument } from "../../lib/content/release";
import { searchConfigCaseSql } from "../../lib/public/search-config";
import { releases } from "./releases";
import { users } from "./users";

/** Postgres tsvector; only the database writes it (a generated column), the app never reads it back. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * Bodies are cut before indexing: a tsvector is limited to 1 MB and an error there would stop a publish.
 * 200,000 characters is far more than any release; the page itself still shows everything.
 */
const INDEXED_BODY_CHARS = 200_000;
const CONFIG = searchConfigCaseSql(`"language"`);

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
    corrections: jsonb("corrections").$type<DatedPublicNote[]>().notNull().default([]),
    /** Media files the live version uses: the only ones /media serves to the public. */
    mediaKeys: jsonb("media_keys").$type<string[]>().notNull().default([]),
    /** The body's first image (lib/content/lead-image.ts), for feeds' enclosures and the share image. */
    leadImage: jsonb("lead_image").$type<LeadImage>(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    /**
     * The organisation's time zone, in which an undated release's publication instant becomes its day.
     * Written by the publishing transitions and rewritten by the settings update when the zone changes,
     * so it always equals settings.time_zone; kept on the row so effective_date can be computed here.
     */
    timeZone: text("time_zone").notNull(),
    /**
     * The day lists, the archive and feeds order and group by (lib/time/release-date.ts `effectiveDate`):
     * the release's own date, or the day it was published in the organisation's zone. Never shown
     * shifted: it is a calendar date.
     */
    effectiveDate: date("effective_date", { mode: "string" })
      .notNull()
      .generatedAlwaysAs((): SQL => sql.raw(`coalesce("release_date", ("published_at" at time zone "time_zone")::date)`)),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    publishedBy: uuid("published_by").references(() => users.id),
    retractedAt: timestamp("retracted_at", { withTimezone: true }),
    retractionReason: text("retraction_reason"),
    /**
     * Full-text search, in the configuration of the release's language (lib/public/search-config.ts):
     * headline weighs most (A), then subtitle and summary (B), then the body (C).
     */
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql.raw(
            [
              `setweight(to_tsvector(${CONFIG}, coalesce("headline", '')), 'A')`,
              `setweight(to_tsvector(${CONFIG}, coalesce("subtitle", '') || ' ' || coalesce("summary", '')), 'B')`,
              `setweight(to_tsvector(${CONFIG}, left(coalesce("plain_text", ''), ${INDEXED_BODY_CHARS})), 'C')`,
            ].join(" || "),
          ),
      ),
  },
  (table) => [
    uniqueIndex("publications_slug_idx").on(table.slug),
    // Sitemaps and the news sitemap read newest publication first with release_id as the tie-break.
    // NULLS FIRST is what a plain ORDER BY … DESC means; an index in any other null order cannot serve
    // newest-first reads (Postgres does not use the NOT NULL constraint to reconcile them).
    index("publications_live_published_at_idx")
      .on(table.publishedAt.desc().nullsFirst(), table.releaseId.desc().nullsFirst())
      .where(sql`${table.retractedAt} is null`),
    // Lists, feeds and search: effective date, then publication instant, then release_id (keyset
    // pagination), all descending, NULLS FIRST as above.
    index("publications_live_effective_date_idx")
      .on(table.effectiveDate.desc().nullsFirst(), table.publishedAt.desc().nullsFirst(), table.releaseId.desc().nullsFirst())
      .where(sql`${table.retractedAt} is null`),
    index("publications_search_idx").using("gin", table.searchVector),
    // Feeds' Last-Modified is the newest change to any publication: max(updated_at) from the index.
    index("publications_updated_at_idx").on(table.updatedAt),
    // Topic pages and the ?topic= filter ask `topics @> '["slug"]'`.
    index("publications_topics_idx").using("gin", table.topics.op("jsonb_path_ops")),
  ],
);
