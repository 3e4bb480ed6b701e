import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only, hash-chained: each row stores the previous row's hash and a hash over its own content.
 * Appends are serialized with a transaction-level advisory lock so concurrent writers never fork the chain.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid("actor_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    releaseId: uuid("release_id"),
    subjectUserId: uuid("subject_user_id"),
    fromState: text("from_state"),
    toState: text("to_state"),
    revisionId: uuid("revision_id"),
    comment: text("comment"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    address: text("address"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (table) => [index("audit_log_release_idx").on(table.releaseId, table.id)],
);
