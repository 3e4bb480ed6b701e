import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

import { MEDIA_KINDS, type MediaKind } from "../../lib/media/kinds";

export { MEDIA_KINDS, type MediaKind };

/** Uploaded files. The bytes live in the storage backend under `key`, a name the server chose. */
export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    kind: text("kind").$type<MediaKind>().notNull(),
    mimeType: text("mime_type").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    originalName: text("original_name").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("media_key_idx").on(table.key), index("media_created_at_idx").on(table.createdAt)],
);
