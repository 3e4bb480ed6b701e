import "server-only";
import { env, isBuildPhase } from "@/env";
import { connect, type DatabaseHandle } from "./connect";

const globalForDb = globalThis as unknown as { pressroomDb?: Promise<DatabaseHandle> };

/**
 * The process's one database handle. Kept on globalThis because Next evaluates this module once per
 * bundle (instrumentation, pages, route handlers) and two PGlite instances on one folder lose writes.
 */
export function database(): Promise<DatabaseHandle> {
  if (isBuildPhase()) {
    return Promise.reject(new Error("A page read the database during `next build`; make it dynamic or render it on demand."));
  }
  globalForDb.pressroomDb ??= connect({ url: env.DATABASE_URL, pgliteDir: env.pgliteDir }).catch((error) => {
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
