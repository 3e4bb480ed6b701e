// @ts-check
// Whether the database is known to be down, for the whole process: the app's database client opens the
// breaker when the server refuses, drops or stops answering its connections (db/database-watch.ts), and
// closes it when a probe is answered again. While it is open nothing waits for the database: queries
// fail at once, the production server answers public pages from their last good copy and everything
// else that needs the database with 503 and Retry-After (scripts/public-responses.mjs, scripts/server.mjs).
// Like the public-responses registry it lives on globalThis, so the server and the app's bundle share it.

/**
 * @typedef {object} Breaker
 * @property {"closed" | "open"} state
 * @property {number} openedAt when it last opened (ms), 0 when it never did
 * @property {number} failures how many times the database was found unreachable; a response rendered while this moved is not kept
 * @property {string} reason what the last failure was
 */

const REGISTRY = Symbol.for("pressroom.database-breaker");

/** What a 503 tells clients: try again after this many seconds (the probe runs every second meanwhile). */
export const RETRY_AFTER_SECONDS = 30;

/** @returns {Breaker} */
export function databaseBreaker() {
  const holder = /** @type {Record<symbol, Breaker | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (holder[REGISTRY] ??= { state: "closed", openedAt: 0, failures: 0, reason: "" });
}

export function databaseIsDown() {
  return databaseBreaker().state === "open";
}

/**
 * The database did not answer: every request stops waiting for it until it answers a probe again.
 * @param {string} reason
 */
export function openBreaker(reason) {
  const breaker = databaseBreaker();
  breaker.failures += 1;
  breaker.reason = reason;
  if (breaker.state === "open") return;
  breaker.state = "open";
  breaker.openedAt = Date.now();
  console.error(`database: unreachable (${reason}); answering from copies and with 503 until it answers again`);
}

export function closeBreaker() {
  const breaker = databaseBreaker();
  if (breaker.state === "closed") return;
  breaker.state = "closed";
  console.error(`database: answering again after ${((Date.now() - breaker.openedAt) / 1000).toFixed(1)} s`);
}
