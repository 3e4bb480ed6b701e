import "server-only";
import { DEFAULT_JOB_POLICY } from "@/lib/jobs/kinds";
import type { Transaction } from "../audit/append";
import { jobs } from "../schema";

export type NewJob = {
  kind: string;
  payload: Record<string, unknown>;
  /** A second job of the same kind and key is not added (campaign+recipient, event+endpoint, the notice). */
  uniqueKey?: string | null;
  /** Not before this instant (default: at once). */
  runAt?: Date;
  maxAttempts?: number;
};

/**
 * Adds jobs inside the caller's transaction, so they exist only if the change that causes them commits
 * (and on PGlite's one connection, a query outside that transaction would wait for it: deadlock).
 * Returns the ids of the jobs added; a job whose unique key is taken is skipped, not an error.
 */
export async function enqueueJobs(tx: Transaction, list: NewJob[]): Promise<string[]> {
  if (list.length === 0) return [];
  const rows = await tx
    .insert(jobs)
    .values(
      list.map((job) => ({
        kind: job.kind,
        payload: job.payload,
        uniqueKey: job.uniqueKey ?? null,
        maxAttempts: job.maxAttempts ?? DEFAULT_JOB_POLICY.maxAttempts,
        ...(job.runAt ? { runAt: job.runAt } : {}),
      })),
    )
    .onConflictDoNothing({ target: [jobs.kind, jobs.uniqueKey] })
    .returning({ id: jobs.id });
  return rows.map((row) => row.id);
}

/** One job; null when its unique key was already taken. */
export async function enqueueJob(tx: Transaction, job: NewJob): Promise<string | null> {
  const [id] = await enqueueJobs(tx, [job]);
  return id ?? null;
}
