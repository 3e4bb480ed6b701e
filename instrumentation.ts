/**
 * Starts the publishing scheduler, the cache-change listener and the job workers in each server process
 * (never during `next build`), and hands the server the question it asks before rendering an unknown
 * release address.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ startScheduler }, { startChangeListener }, { startJobWorkers }, { releaseAddressKnown }, { setReleaseLookup }] = await Promise.all([
    import("./db/publishing/scheduler-loop"),
    import("./db/publishing/change-listener"),
    import("./db/jobs/worker-loop"),
    import("./db/public/release-lookup"),
    import("./lib/http/release-lookup"),
  ]);
  setReleaseLookup(releaseAddressKnown);
  startScheduler();
  startChangeListener();
  await startJobWorkers().catch((error: unknown) => console.error("jobs: the workers did not start", error));
}
