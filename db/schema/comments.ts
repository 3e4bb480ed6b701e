import { index, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { releases } from "./releases";
import { users } from "./users";

/** Review comments on a release, threaded by parent. A change request always carries one. */
export const releaseComments = pgTable(
  "release_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    releaseId: uuid("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => releaseComments.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    /** The workflow action this comment came with (request_changes, retract), if any. */
    action: text("action"),
    revisionId: uuid("revision_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("release_comments_release_idx").on(table.releaseId, table.createdAt)],
);
