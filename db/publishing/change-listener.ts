import "server-only";
import { env } from "@/env";
import { mergeChanges, type ChangeNotice } from "@/lib/cache/change-notice";
import { expirePublicResponses } from "@/lib/http/public-responses";
import { reconnectBackoffSeconds } from "../database-watch";
import { expireOwnCache } from "./expire-own-cache";
import { changeNoticeSchema, PUBLIC_CHANGE_CHANNEL } from "./public-change";

const holder = globalThis as unknown as { pressroomChangeListener?: Promise<unknown> };

/**
 * Notices heard while this instance is still expiring its cache for earlier ones are merged and
 * expired together once that call returns, so a burst (a scheduler publishing hundreds of releases in
 * batches) costs a few expiries, not one per notice.
 */
let pending: ChangeNotice | null = null;
let expiring = false;

async function expireHeard(change: ChangeNotice) {
  // The copies this process answers from change at once, without waiting for the route (or the database).
  expirePublicResponses(change);
  pending = pending ? mergeChanges(pending, change) : change;
  if (expiring) return;
  expiring = true;
  try {
    while (pending) {
      const next = pending;
      pending = null;
      await expireOwnCache(next);
    }
  } finally {
    expiring = false;
  }
}

/**
 * With several instances on one Postgres server, each keeps its own page cache. Every instance listens
 * on the change channel and expires its own cache when any instance publishes, updates or retracts.
 * postgres.js reconnects a dropped listener by itself; a reconnect may have missed notifications, so
 * it then expires everything (marked stale: the last good copies stay for an outage; a withdrawal in a
 * notice lost while Postgres died delivering it is the one thing this cannot recover, see
 * docs/architecture.md). Embedded PGlite serves one process, which expires its cache directly.
 */
export function startChangeListener() {
  if (holder.pressroomChangeListener || !env.DATABASE_URL) return;
  holder.pressroomChangeListener = (async () => {
    const { default: postgres } = await import("postgres");
    // The listener reconnects on its own (postgres.js); with the same capped backoff as the app's pool it
    // hears again within half a second of the server's return.
    const sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {}, connect_timeout: 10, backoff: reconnectBackoffSeconds });
    let connections = 0;
    await sql.listen(
      PUBLIC_CHANGE_CHANNEL,
      (payload) => {
        let change: ChangeNotice;
        try {
          change = changeNoticeSchema.parse(JSON.parse(payload));
        } catch {
          console.error("cache: ignored a malformed change notification");
          return;
        }
        void expireHeard(change);
      },
      () => {
        connections += 1;
        if (connections > 1) void expireHeard({ all: true, withdrawn: [] });
      },
    );
  })().catch((error) => {
    holder.pressroomChangeListener = undefined;
    console.error("cache: cannot listen for changes from other instances; retrying in 10 s", error);
    setTimeout(startChangeListener, 10_000).unref();
  });
}
