/**
 * A job worker in its own OS process, for the queue's multi-instance tests: connects to the Postgres
 * database named by JOB_TEST_URL, runs the test kinds, and on SIGTERM stops as the server does
 * (JobWorker.stop: running jobs finish within the grace time, the rest are given back), then exits 0.
 *
 * Kinds: test_effect records its side effect in test_job_effects and takes EFFECT_MS more to finish
 * (from the STALL_AFTER-th effect on, it never finishes: the process is about to be killed);
 * test_slow waits until it is aborted (it never finishes on its own within a test).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { connect } from "@/db/connect";
import { defineJobHandler } from "@/db/jobs/handler";
import { JobWorker } from "@/db/jobs/worker";
import { DEFAULT_JOB_POLICY } from "@/lib/jobs/kinds";
import { effectHandler, testPayload } from "./jobs";

async function main() {
  const url = process.env.JOB_TEST_URL!;
  const name = process.env.WORKER_NAME ?? String(process.pid);
  const handle = await connect({ url, pgliteDir: "", max: 4 });
  const effectMs = Number(process.env.EFFECT_MS ?? 2);
  const stallAfter = Number(process.env.STALL_AFTER ?? Infinity);
  let effects = 0;

  const worker = new JobWorker(
    handle.db,
    {
      test_effect: effectHandler(handle, name, { afterEffect: () => (++effects >= stallAfter ? new Promise<void>(() => {}) : sleep(effectMs)) }),
      test_slow: defineJobHandler({
        policy: { ...DEFAULT_JOB_POLICY, timeoutMs: 120_000 },
        payload: testPayload,
        run: (job) => new Promise<void>((_, reject) => job.signal.addEventListener("abort", () => reject(job.signal.reason as Error))),
      }),
      test_quick: defineJobHandler({ policy: DEFAULT_JOB_POLICY, payload: testPayload, run: () => sleep(Number(process.env.QUICK_MS ?? 300)) }),
    },
    { concurrency: Number(process.env.CONCURRENCY ?? 8), leaseMs: Number(process.env.LEASE_MS ?? 1_000), pollMs: 20, workerId: name },
  );

  process.once("SIGTERM", () => {
    void worker
      .stop(Number(process.env.GRACE_MS ?? 1_000))
      .then(() => handle.close())
      .then(() => process.exit(0));
  });

  worker.start();
  process.stdout.write("ready\n");
}

void main();
