import "server-only";
import { env } from "@/env";
import { INTERNAL_TOKEN_HEADER, internalToken } from "./internal-token";
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
    if (running) return;
    running = true;
    try {
      const slugs = await publishDueReleases();
      if (slugs.length > 0) await expireOwnCache(slugs);
    } catch (error) {
      console.error("scheduler: publishing due releases failed; will retry", error);
    } finally {
      running = false;
    }
  }, env.SCHEDULER_INTERVAL_MS);
  holder.pressroomScheduler.unref();
}

async function expireOwnCache(slugs: string[]) {
  const host = env.HOSTNAME === "0.0.0.0" || env.HOSTNAME === "::" ? "127.0.0.1" : env.HOSTNAME;
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    try {
      const response = await fetch(`http://${host}:${env.PORT}/api/internal/revalidate`, {
        method: "POST",
        headers: { "Content-Type": "application/json", [INTERNAL_TOKEN_HEADER]: internalToken() },
        body: JSON.stringify({ slugs }),
      });
      if (response.ok) return;
    } catch {
      // the server may still be starting; try again shortly
    }
    await new Promise((resolve) => setTimeout(resolve, attempt * 500));
  }
  console.error(`scheduler: could not expire cached pages for ${slugs.join(", ")}`);
}
