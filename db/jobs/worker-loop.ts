import "server-only";
import { env } from "@/env";
import { databaseIsDown } from "@/scripts/circuit-breaker.mjs";
import { database } from "../client";
import { APP_JOB_HANDLERS } from "./app-handlers";
import { purgeFinishedJobs } from "./settle";
import { JobWorker } from "./worker";

type Holder = { pressroomJobWorker?: JobWorker; pressroomShutdownHooks?: Array<() => Promise<void>> };
const holder = globalThis as unknown as Holder;

/** How long a stopping server lets running jobs finish before it gives them back (scripts/server.mjs waits 5 s). */
const SHUTDOWN_GRACE_MS = 3_000;
const PURGE_EVERY_MS = 60 * 60_000;

/**
 * Starts this process's job workers (JOBS_CONCURRENCY at once) for every kind the app enqueues, like the
 * scheduler. On SIGTERM/SIGINT the server runs the shutdown hook registered here before it exits: running
 * jobs get a few seconds to finish, the rest are given back for another instance to take at once.
 */
export async function startJobWorkers() {
  if (holder.pressroomJobWorker || env.JOBS_CONCURRENCY === 0) return;
  const handle = await database();
  const worker = new JobWorker(handle.db, APP_JOB_HANDLERS, { concurrency: env.JOBS_CONCURRENCY, leaseMs: env.JOBS_LEASE_MS, pollMs: env.JOBS_POLL_MS, paused: databaseIsDown });
  holder.pressroomJobWorker = worker;
  worker.start();
  const purge = setInterval(() => void purgeFinishedJobs(handle.db).catch((error: unknown) => console.error("jobs: purging finished jobs failed", error)), PURGE_EVERY_MS);
  purge.unref();
  (holder.pressroomShutdownHooks ??= []).push(async () => {
    clearInterval(purge);
    await worker.stop(SHUTDOWN_GRACE_MS);
  });
}
