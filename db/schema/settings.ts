import { sql } from "drizzle-orm";
import { check, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { MediaContact } from "../../lib/content/release";

export type Letterhead = {
  address: string[];
  phones: string[];
  fax: string | null;
  email: string | null;
  website: string | null;
};

/** A single row (id = 1): the organisation and its newsroom. */
export const settings = pgTable(
  "settings",
  {
    id: integer("id").primaryKey().default(1),
    organisationName: text("organisation_name").notNull(),
    letterhead: jsonb("letterhead").$type<Letterhead>().notNull(),
    logoKey: text("logo_key"),
    accentColor: text("accent_color").notNull().default("#1d3f6e"),
    timeZone: text("time_zone").notNull().default("UTC"),
    defaultLanguage: text("default_language").notNull().default("en"),
    boilerplate: text("boilerplate").notNull().default(""),
    defaultContact: jsonb("default_contact").$type<MediaContact | null>(),
    workflow: jsonb("workflow").$type<Record<string, unknown>>().notNull().default({}),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("settings_single_row", sql`${table.id} = 1`)],
);
