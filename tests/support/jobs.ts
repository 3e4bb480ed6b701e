import { sql } from "drizzle-orm";
import { z } from "zod";
import type { DatabaseHandle } from "@/db/connect";
import { APP_JOB_HANDLERS } from "@/db/jobs/app-handlers";
import { defineJobHandler, type JobHandler, type RunningJob } from "@/db/jobs/handler";
import { JobWorker } from "@/db/jobs/worker";
import { DEFAULT_JOB_POLICY, type JobPolicy } from "@/lib/jobs/kinds";

/** Polls until `check` returns a value other than undefined/false: tests wait on state, never on a fixed sleep. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * A table standing in for the outside world: each run of a test job records its side effect there, with
 * the idempotency key it carried and who ran it. Nothing the queue does touches it.
 */
export async function createEffectsTable(handle: DatabaseHandle) {
  await handle.db.execute(sql.raw(`create table if not exists test_job_effects (job_id uuid not null, key text not null, worker text not null, at timestamptz not null default clock_timestamp())`));
}

export const testPayload = z.strictObject({ n: z.number().int() });

/** A job handler whose side effect is a row in test_job_effects (a top-level query, like a network call). */
export function effectHandler(handle: DatabaseHandle, worker: string, options: { policy?: Partial<JobPolicy>; afterEffect?: (job: RunningJob) => Promise<void> } = {}): JobHandler {
  return defineJobHandler({
    policy: { ...DEFAULT_JOB_POLICY, ...options.policy },
    payload: testPayload,
    run: async (job) => {
      await handle.db.execute(sql`insert into test_job_effects (job_id, key, worker) values (${job.id}, ${job.idempotencyKey}, ${worker})`);
      await options.afterEffect?.(job);
    },
  });
}

export async function countRows(handle: DatabaseHandle, query: string): Promise<number> {
  const [row] = await handle.rows<{ n: number }>(sql.raw(query));
  return Number(row!.n);
}

/** Runs the app's queued jobs that are due (emails, pings) in the test's process until none is left. */
export async function runQueuedJobs(handle: DatabaseHandle) {
  await new JobWorker(handle.db, APP_JOB_HANDLERS, { concurrency: 4, leaseMs: 30_000, pollMs: 50 }).drain();
}
