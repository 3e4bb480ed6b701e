import path from "node:path";
import { sql } from "drizzle-orm";
import { connect, type DatabaseHandle } from "./connect";

const MIGRATIONS = path.resolve(process.cwd(), "db/migrations");
/** Arbitrary but fixed: every instance that starts at once queues on the same advisory lock. */
const MIGRATION_LOCK = 727_431_001;

/** Applies the committed drizzle-kit migrations. The one entry point used by start, tests and CI. */
export async function migrateDatabase(options: { url?: string; pgliteDir: string }) {
  if (options.url) {
    // One connection, so the session-level advisory lock and the migration share it.
    const handle = await connect({ url: options.url, pgliteDir: options.pgliteDir, max: 1 });
    try {
      await handle.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(handle.db as never, { migrationsFolder: MIGRATIONS });
      await handle.db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    } finally {
      await handle.close();
    }
    return;
  }
  const handle = await connect({ pgliteDir: options.pgliteDir });
  try {
    await migrateHandle(handle);
  } finally {
    await handle.close();
  }
}

/** Migrates an already-open PGlite handle (tests, where the folder has exactly one opener). */
export async function migrateHandle(handle: DatabaseHandle) {
  if (handle.kind !== "pglite") throw new Error("Postgres servers are migrated with migrateDatabase(), under its advisory lock");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(handle.db as never, { migrationsFolder: MIGRATIONS });
}
