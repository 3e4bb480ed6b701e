import "server-only";
import { env } from "@/env";
import { databaseIsDown } from "@/scripts/circuit-breaker.mjs";
import { mergeChanges, type ChangeNotice } from "@/lib/cache/change-notice";
import { expireOwnCache } from "./expire-own-cache";
import { publishDueReleases } from "./scheduler";

const holder = globalThis as unknown as { pressroomScheduler?: NodeJS.Timeout };

/**
 * The in-process scheduler: every few seconds, publish what is due, then expire the public pages through
 * this instance's own route (inside a request, where Next honours it). Started once per process.
 */
export function startScheduler() {
  if (holder.pressroomScheduler || env.SCHEDULER_INTERVAL_MS === 0) return;
  let running = false;
  holder.pressroomScheduler = setInterval(async () => {
    // While the database is known to be down each run would only fail (and log) every second; the
    // breaker's probe finds its return, and the next run publishes everything that fell due meanwhile.
    if (running || databaseIsDown()) return;
    running = true;
    try {
      let change: ChangeNotice | null = null;
      await publishDueReleases(new Date(), 25, (batch) => (change = change ? mergeChanges(change, batch) : batch));
      if (change) await expireOwnCache(change);
    } catch (error) {
      console.error("scheduler: publishing due releases failed; will retry", error);
    } finally {
      running = false;
    }
  }, env.SCHEDULER_INTERVAL_MS);
  holder.pressroomScheduler.unref();
}
