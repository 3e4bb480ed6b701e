/** Starts the publishing scheduler in each server process (never during `next build`). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startScheduler } = await import("./db/publishing/scheduler-loop");
  startScheduler();
}
