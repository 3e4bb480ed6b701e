/** Starts the publishing scheduler and the cache-change listener in each server process (never during `next build`). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ startScheduler }, { startChangeListener }] = await Promise.all([
    import("./db/publishing/scheduler-loop"),
    import("./db/publishing/change-listener"),
  ]);
  startScheduler();
  startChangeListener();
}
