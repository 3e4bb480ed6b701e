import { integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const releaseTypes = pgTable(
  "release_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
  },
  (table) => [uniqueIndex("release_types_slug_idx").on(table.slug)],
);

export const topics = pgTable(
  "topics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
  },
  (table) => [uniqueIndex("topics_slug_idx").on(table.slug)],
);
