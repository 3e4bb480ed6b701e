import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { releases } from "./releases";
import { users } from "./users";

import { NOTIFICATION_KINDS, type NotificationKind } from "../../lib/notifications/kinds";

export { NOTIFICATION_KINDS, type NotificationKind };

/** In-app notices about workflow events, one row per recipient. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    releaseId: uuid("release_id").references(() => releases.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (table) => [index("notifications_user_idx").on(table.userId, table.createdAt)],
);
