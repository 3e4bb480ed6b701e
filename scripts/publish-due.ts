import { APP_JOB_HANDLERS } from "@/db/jobs/app-handlers";
import { JobWorker } from "@/db/jobs/worker";
import { publishDueReleases } from "@/db/publishing/scheduler";
import { openCliDatabase, runCli } from "./cli-database";

/**
 * Publishes what is due once, as the in-process scheduler does. Running servers on the same Postgres
 * hear of it through the change notification and expire their caches. The jobs it queued (emails) that
 * are due (emails, WebSub pings) are run before it exits; any left waiting for a retry are the servers' workers' to run.
 * PUBLISH_DUE_NOW overrides the clock, for tests.
 */
void runCli(async () => {
  const handle = await openCliDatabase();
  try {
    const now = process.env.PUBLISH_DUE_NOW ? new Date(process.env.PUBLISH_DUE_NOW) : new Date();
    const slugs = await publishDueReleases(now, 25);
    await new JobWorker(handle.db, APP_JOB_HANDLERS, { concurrency: 4, leaseMs: 30_000, pollMs: 1_000 }).drain();
    console.log(JSON.stringify({ published: slugs.length }));
  } finally {
    await handle.close();
  }
});
