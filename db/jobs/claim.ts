import "server-only";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { takeTokens, type RateLimit } from "@/lib/jobs/rate-limit";
import { CLAIMABLE_STATES } from "@/lib/jobs/states";
import type { Transaction } from "../audit/append";
import type { Database } from "../connect";
import { jobRateLimits, jobs } from "../schema";

export type ClaimedJob = typeof jobs.$inferSelect;

/** An interval of `ms` milliseconds from the database's clock: every instance measures leases by the same one. */
export const fromNow = (ms: number) => sql`now() + ${String(Math.max(0, Math.round(ms)))}::int * interval '1 millisecond'`;

/**
 * Takes up to `limit` due jobs of one kind for `workerId`, oldest first, skipping rows another instance is
 * taking at the same moment, and leases them for leaseMs. With a rate limit, no more than the kind's shared
 * token bucket allows. One short transaction: nothing else happens while it is open.
 */
export async function claimJobs(
  database: Database,
  options: { kind: string; workerId: string; limit: number; leaseMs: number; rateLimit?: RateLimit },
): Promise<ClaimedJob[]> {
  if (options.limit <= 0) return [];
  const isDue = and(eq(jobs.kind, options.kind), inArray(jobs.state, [...CLAIMABLE_STATES]), lte(jobs.runAt, sql`now()`));
  // A rate-limited kind with nothing due does not lock (or create) its bucket.
  if (options.rateLimit && (await database.select({ id: jobs.id }).from(jobs).where(isDue).limit(1)).length === 0) return [];
  return database.transaction(async (tx) => {
    const bucket = options.rateLimit ? await lockBucket(tx, options.kind, options.rateLimit) : null;
    const limit = bucket ? takeTokens(bucket, options.rateLimit!, options.limit, bucket.now).granted : options.limit;
    if (limit === 0) return [];
    const due = tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(isDue)
      .orderBy(asc(jobs.runAt), asc(jobs.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    const claimed = await tx
      .update(jobs)
      .set({ state: "running", attempts: sql`${jobs.attempts} + 1`, lockedBy: options.workerId, lockedUntil: fromNow(options.leaseMs), updatedAt: sql`now()` })
      .where(inArray(jobs.id, due))
      .returning();
    if (bucket && claimed.length > 0) {
      const { tokens } = takeTokens(bucket, options.rateLimit!, claimed.length, bucket.now);
      await tx.update(jobRateLimits).set({ tokens, refilledAt: bucket.now }).where(eq(jobRateLimits.kind, options.kind));
    }
    return claimed;
  });
}

/** The kind's bucket, locked for this transaction (created full on first use), with the database's now. */
async function lockBucket(tx: Transaction, kind: string, limit: RateLimit) {
  const select = () =>
    tx
      .select({ tokens: jobRateLimits.tokens, refilledAt: jobRateLimits.refilledAt, now: sql<Date>`now()`.mapWith(jobRateLimits.refilledAt) })
      .from(jobRateLimits)
      .where(eq(jobRateLimits.kind, kind))
      .for("update");
  const [row] = await select();
  if (row) return row;
  await tx.insert(jobRateLimits).values({ kind, tokens: limit.burst, refilledAt: sql`now()` }).onConflictDoNothing();
  return (await select())[0]!;
}

/** Keeps the leases of the jobs this worker is still running. */
export async function extendLeases(database: Database, workerId: string, ids: string[], leaseMs: number) {
  if (ids.length === 0) return;
  await database
    .update(jobs)
    .set({ lockedUntil: fromNow(leaseMs) })
    .where(and(inArray(jobs.id, ids), eq(jobs.lockedBy, workerId), eq(jobs.state, "running")));
}

/**
 * Gives jobs back untouched (a worker shutting down): they are claimable at once by any instance, and the
 * attempt they were on is not counted against them.
 */
export async function releaseJobs(database: Database, workerId: string, ids: string[]) {
  if (ids.length === 0) return;
  await database
    .update(jobs)
    .set({
      state: sql`case when ${jobs.attempts} <= 1 then 'queued' else 'failed' end`,
      attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
      lockedBy: null,
      lockedUntil: null,
      runAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(inArray(jobs.id, ids), eq(jobs.lockedBy, workerId), eq(jobs.state, "running")));
}
