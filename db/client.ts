import "server-only";
import { env, isBuildPhase } from "@/env";
import { databaseIsDown } from "@/scripts/circuit-breaker.mjs";
import { connect, DatabaseUnavailableError, type DatabaseHandle } from "./connect";

const globalForDb = globalThis as unknown as { pressroomDb?: Promise<DatabaseHandle> };

/**
 * The process's one database handle. Kept on globalThis because Next evaluates this module once per
 * bundle (instrumentation, pages, route handlers) and two PGlite instances on one folder lose writes.
 * While the Postgres server is known to be down (the circuit breaker, db/database-watch.ts) it fails at
 * once, so no request waits: public pages are then answered from their last good copy, the rest 503.
 */
export function database(): Promise<DatabaseHandle> {
  if (isBuildPhase()) {
    return Promise.reject(new Error("A page read the database during `next build`; make it dynamic or render it on demand."));
  }
  if (databaseIsDown()) return Promise.reject(new DatabaseUnavailableError());
  globalForDb.pressroomDb ??= connect({ url: env.DATABASE_URL, pgliteDir: env.pgliteDir, failFast: true }).catch((error) => {
    globalForDb.pressroomDb = undefined;
    throw error;
  });
  return globalForDb.pressroomDb;
}

export async function db() {
  return (await database()).db;
}

/** Integration tests point the process's handle at their own database. */
export function setProcessDatabase(handle: DatabaseHandle) {
  globalForDb.pressroomDb = Promise.resolve(handle);
}
