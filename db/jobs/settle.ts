import "server-only";
import { and, eq, inArray, lt, lte, ne, sql } from "drizzle-orm";
import { retryDelayMs, type BackoffPolicy } from "@/lib/jobs/backoff";
import { errorText } from "@/lib/jobs/error-text";
import { CLAIMABLE_STATES } from "@/lib/jobs/states";
import { appendAudit, type Transaction } from "../audit/append";
import type { Database } from "../connect";
import { jobs } from "../schema";
import { fromNow, type ClaimedJob } from "./claim";

/** The audit action of a job that will not run again without a person. */
export const JOB_DEAD_AUDIT = "job_dead";

/** Marks several runs done in one statement (those the worker still holds). */
export async function completeJobs(database: Database, ids: string[], workerId: string): Promise<void> {
  if (ids.length === 0) return;
  await database
    .update(jobs)
    .set({ state: "done", finishedAt: sql`now()`, updatedAt: sql`now()`, lockedBy: null, lockedUntil: null, lastError: null })
    .where(and(inArray(jobs.id, ids), eq(jobs.lockedBy, workerId), eq(jobs.state, "running")));
}

export type Failure = { error: unknown; permanent?: boolean; backoff: BackoffPolicy; retryInMs?: number };

/**
 * Records a failed run: the next attempt after an exponential backoff, or, when the attempts are used up
 * (or trying again cannot help), the dead-letter state with its reason and a row in the audit log.
 */
export async function failJob(database: Database, job: Pick<ClaimedJob, "id" | "attempts">, workerId: string, failure: Failure): Promise<"failed" | "dead" | "lost"> {
  return database.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.attempts, job.attempts), eq(jobs.state, "running")))
      .for("update");
    if (!row) return "lost";
    return settleFailure(tx, row, failure);
  });
}

async function settleFailure(tx: Transaction, row: ClaimedJob, failure: Failure): Promise<"failed" | "dead"> {
  const message = errorText(failure.error);
  if (failure.permanent || row.attempts >= row.maxAttempts) {
    const reason = failure.permanent ? message : `Gave up after ${row.attempts} attempt${row.attempts === 1 ? "" : "s"}: ${message}`;
    await tx
      .update(jobs)
      .set({ state: "dead", lastError: message, deadReason: reason, lockedBy: null, lockedUntil: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(jobs.id, row.id));
    await appendAudit(tx, {
      action: JOB_DEAD_AUDIT,
      actorEmail: "jobs",
      comment: reason,
      detail: { jobId: row.id, kind: row.kind, attempts: row.attempts, uniqueKey: row.uniqueKey },
    });
    return "dead";
  }
  const delay = failure.retryInMs ?? retryDelayMs(row.attempts, failure.backoff);
  await tx
    .update(jobs)
    .set({ state: "failed", lastError: message, lockedBy: null, lockedUntil: null, runAt: fromNow(delay), updatedAt: sql`now()` })
    .where(eq(jobs.id, row.id));
  return "failed";
}

/**
 * Takes back jobs whose lease ran out (the instance holding them was killed or stalled): each counts as a
 * failed attempt, due again at once (the lease was the wait), or dead when it has no attempts left.
 */
export async function reapExpiredLeases(database: Database, backoffOf: (kind: string) => BackoffPolicy, reaper: string, limit = 100): Promise<number> {
  // Never the reaper's own: it is still running them (a heartbeat held up on a busy machine is not a crash).
  const isExpired = and(eq(jobs.state, "running"), lt(jobs.lockedUntil, sql`now()`), ne(jobs.lockedBy, reaper));
  // Nearly always there are none: one plain read, no transaction, no lock.
  if ((await database.select({ id: jobs.id }).from(jobs).where(isExpired).limit(1)).length === 0) return 0;
  return database.transaction(async (tx) => {
    const expired = await tx.select().from(jobs).where(isExpired).limit(limit).for("update", { skipLocked: true });
    for (const row of expired) {
      const error = new Error(`The worker running it (${row.lockedBy}) stopped before finishing; its lease ran out.`);
      await settleFailure(tx, row, { error, backoff: backoffOf(row.kind), retryInMs: 0 });
    }
    return expired.length;
  });
}

/** Done jobs are kept this long (their unique keys stay taken), then deleted. */
export async function purgeFinishedJobs(database: Database, olderThanDays = 14) {
  await database
    .delete(jobs)
    .where(and(eq(jobs.state, "done"), lt(jobs.finishedAt, sql`now() - ${String(olderThanDays)}::int * interval '1 day'`)));
}

/** Whether any job of these kinds could be claimed now. */
export async function hasDueJobs(database: Database, kinds: string[]): Promise<boolean> {
  if (kinds.length === 0) return false;
  const [row] = await database
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(inArray(jobs.kind, kinds), inArray(jobs.state, [...CLAIMABLE_STATES]), lte(jobs.runAt, sql`now()`)))
    .limit(1);
  return Boolean(row);
}
