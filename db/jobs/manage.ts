import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { AppError } from "@/lib/errors";
import { VISIBLE_STATES, type JobState } from "@/lib/jobs/states";
import { assertCan, type Viewer } from "../access";
import { appendAudit } from "../audit/append";
import type { Executor } from "../audit/append";
import { db } from "../client";
import type { Database } from "../connect";
import { jobs } from "../schema";
import { actorOf, type StaffActor } from "../staff/actor";

export const jobIdInput = z.strictObject({ id: z.uuid("That is not a job id.") });

export type JobCounts = { kind: string; counts: Record<Exclude<JobState, "done">, number>; lastError: string | null; lastErrorAt: Date | null };
export type JobRow = Pick<typeof jobs.$inferSelect, "id" | "kind" | "state" | "attempts" | "maxAttempts" | "runAt" | "lastError" | "deadReason" | "createdAt" | "updatedAt" | "lockedBy" | "uniqueKey">;

const ROW = {
  id: jobs.id,
  kind: jobs.kind,
  state: jobs.state,
  attempts: jobs.attempts,
  maxAttempts: jobs.maxAttempts,
  runAt: jobs.runAt,
  lastError: jobs.lastError,
  deadReason: jobs.deadReason,
  createdAt: jobs.createdAt,
  updatedAt: jobs.updatedAt,
  lockedBy: jobs.lockedBy,
  uniqueKey: jobs.uniqueKey,
};

/**
 * What the queue holds, by kind: how many jobs are queued, running, failed (waiting to retry) and dead,
 * with the newest error; and the jobs themselves, those that need a person first.
 */
export async function readJobsOverview(database: Executor, options: { state?: JobState; kind?: string; limit?: number } = {}) {
  const [counted, errors, listed] = await Promise.all([
    database
      .select({ kind: jobs.kind, state: jobs.state, count: sql<number>`count(*)::int` })
      .from(jobs)
      .where(inArray(jobs.state, [...VISIBLE_STATES]))
      .groupBy(jobs.kind, jobs.state),
    database
      .selectDistinctOn([jobs.kind], { kind: jobs.kind, lastError: jobs.lastError, at: jobs.updatedAt })
      .from(jobs)
      .where(and(inArray(jobs.state, ["failed", "dead"]), isNotNull(jobs.lastError)))
      .orderBy(asc(jobs.kind), desc(jobs.updatedAt)),
    database
      .select(ROW)
      .from(jobs)
      .where(
        and(
          options.state ? eq(jobs.state, options.state) : inArray(jobs.state, [...VISIBLE_STATES]),
          options.kind ? eq(jobs.kind, options.kind) : undefined,
        ),
      )
      .orderBy(sql`case ${jobs.state} when 'dead' then 0 when 'failed' then 1 when 'running' then 2 else 3 end`, desc(jobs.updatedAt))
      .limit(options.limit ?? 100),
  ]);
  const byKind = new Map<string, JobCounts>();
  for (const row of counted) {
    const entry = byKind.get(row.kind) ?? { kind: row.kind, counts: { queued: 0, running: 0, failed: 0, dead: 0 }, lastError: null, lastErrorAt: null };
    if (row.state !== "done") entry.counts[row.state] = row.count;
    byKind.set(row.kind, entry);
  }
  for (const row of errors) {
    const entry = byKind.get(row.kind);
    if (entry) Object.assign(entry, { lastError: row.lastError, lastErrorAt: row.at });
  }
  return { kinds: [...byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind)), jobs: listed as JobRow[] };
}

/** The admin page's view; only for those who may manage jobs. */
export async function jobsOverview(viewer: Viewer) {
  assertCan(viewer, "jobs:manage");
  return readJobsOverview(await db());
}

/**
 * Runs a failed or dead job again now, with its attempts counted afresh (a dead job gets all of them
 * back). Audited. A job that is queued, running or done is left alone: there is nothing to retry.
 */
export async function retryJobAs(database: Database, actor: StaffActor, id: string) {
  return database.transaction(async (tx) => {
    const [job] = await tx
      .update(jobs)
      .set({ state: "queued", attempts: 0, runAt: sql`now()`, deadReason: null, finishedAt: null, updatedAt: sql`now()` })
      .where(and(eq(jobs.id, id), inArray(jobs.state, ["failed", "dead"])))
      .returning({ id: jobs.id, kind: jobs.kind, lastError: jobs.lastError });
    if (!job) throw await missingOrBusy(tx, id, "retried");
    await appendAudit(tx, { action: "job_retried", actorId: actor.id, actorEmail: actor.email, detail: { jobId: job.id, kind: job.kind, lastError: job.lastError } });
    return job;
  });
}

/**
 * Removes a job that has not run to the end (queued, failed or dead): it will never run. Audited, with
 * what it was. A running job cannot be discarded (its worker holds it); done jobs are not listed.
 */
export async function discardJobAs(database: Database, actor: StaffActor, id: string) {
  return database.transaction(async (tx) => {
    const [job] = await tx
      .delete(jobs)
      .where(and(eq(jobs.id, id), inArray(jobs.state, ["queued", "failed", "dead"])))
      .returning({ id: jobs.id, kind: jobs.kind, state: jobs.state, attempts: jobs.attempts, uniqueKey: jobs.uniqueKey, lastError: jobs.lastError });
    if (!job) throw await missingOrBusy(tx, id, "discarded");
    await appendAudit(tx, { action: "job_discarded", actorId: actor.id, actorEmail: actor.email, detail: { jobId: job.id, kind: job.kind, state: job.state, attempts: job.attempts, uniqueKey: job.uniqueKey, lastError: job.lastError } });
    return job;
  });
}

async function missingOrBusy(tx: Executor, id: string, verb: string) {
  const [row] = await tx.select({ state: jobs.state }).from(jobs).where(eq(jobs.id, id));
  if (!row) return new AppError("not_found", "There is no such job (it may have finished or been discarded).");
  return new AppError("conflict", `A ${row.state} job cannot be ${verb}.`, { state: row.state });
}

export async function retryJob(viewer: Viewer, input: z.input<typeof jobIdInput>) {
  assertCan(viewer, "jobs:manage");
  return retryJobAs(await db(), actorOf(viewer), parseInput(jobIdInput, input).id);
}

export async function discardJob(viewer: Viewer, input: z.input<typeof jobIdInput>) {
  assertCan(viewer, "jobs:manage");
  return discardJobAs(await db(), actorOf(viewer), parseInput(jobIdInput, input).id);
}
