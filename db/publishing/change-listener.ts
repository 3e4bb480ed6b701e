import "server-only";
import { env } from "@/env";
import { expireOwnCache } from "./expire-own-cache";
import { PUBLIC_CHANGE_CHANNEL, publicChangeSchema } from "./public-change";

const holder = globalThis as unknown as { pressroomChangeListener?: Promise<unknown> };

/**
 * With several instances on one Postgres server, each keeps its own page cache. Every instance listens
 * on the change channel and expires its own cache when any instance publishes, updates or retracts.
 * postgres.js reconnects a dropped listener by itself; a reconnect may have missed notifications, so
 * it then expires everything. Embedded PGlite serves one process, which expires its cache directly.
 */
export function startChangeListener() {
  if (holder.pressroomChangeListener || !env.DATABASE_URL) return;
  holder.pressroomChangeListener = (async () => {
    const { default: postgres } = await import("postgres");
    const sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    let connections = 0;
    await sql.listen(
      PUBLIC_CHANGE_CHANNEL,
      (payload) => {
        let change;
        try {
          change = publicChangeSchema.parse(JSON.parse(payload));
        } catch {
          console.error("cache: ignored a malformed change notification");
          return;
        }
        void expireOwnCache(change);
      },
      () => {
        connections += 1;
        if (connections > 1) void expireOwnCache({ all: true });
      },
    );
  })().catch((error) => {
    holder.pressroomChangeListener = undefined;
    console.error("cache: cannot listen for changes from other instances; retrying in 10 s", error);
    setTimeout(startChangeListener, 10_000).unref();
  });
}
