import { sql } from "drizzle-orm";
import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { JOB_STATES, type JobState } from "../../lib/jobs/states";

export { JOB_STATES, type JobState };

/**
 * The job queue (db/jobs/): work that leaves the process (email, pings), enqueued in the transaction
 * that causes it and claimed by the workers of every instance with FOR UPDATE SKIP LOCKED and a lease.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** Given by the caller (e.g. the notification id): a second enqueue with the same kind and key is a no-op. */
    uniqueKey: text("unique_key"),
    state: text("state").$type<JobState>().notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    /** The worker holding a running job, until lockedUntil; after that any worker may take it back. */
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    deadReason: text("dead_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("jobs_unique_key_idx").on(table.kind, table.uniqueKey),
    index("jobs_due_idx").on(table.kind, table.runAt).where(sql`${table.state} in ('queued', 'failed')`),
    index("jobs_lease_idx").on(table.lockedUntil).where(sql`${table.state} = 'running'`),
    index("jobs_state_idx").on(table.state, table.kind),
    index("jobs_finished_idx").on(table.finishedAt).where(sql`${table.state} = 'done'`),
  ],
);

/** One token bucket per rate-limited kind, shared by every instance's workers. */
export const jobRateLimits = pgTable("job_rate_limits", {
  kind: text("kind").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  refilledAt: timestamp("refilled_at", { withTimezone: true }).notNull(),
});
