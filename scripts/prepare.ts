import { migrateDatabase } from "@/db/migrate";
import { bootstrap } from "@/db/seed/bootstrap";
import { ensureEmbeddedAuthSecret, env, STAFF_DISABLED_MESSAGE } from "@/env";
import { buildIfNeeded } from "./build-fingerprint";
import { openCliDatabase, runCli } from "./cli-database";

/**
 * What `npm start` does before serving, in a process of its own that exits when done (scripts/start.mjs
 * runs it): migrate, create the first admin (and demo content) when the database is empty, print their
 * one-time logins, and build when the sources changed. It needs TypeScript and the react-server
 * conditions; the server needs neither, and none of this memory stays behind.
 */
void runCli(async () => {
  if (!ensureEmbeddedAuthSecret()) console.warn(`warning: ${STAFF_DISABLED_MESSAGE}`);
  await migrateDatabase({ url: env.DATABASE_URL, pgliteDir: env.pgliteDir });
  const handle = await openCliDatabase();
  try {
    const created = await bootstrap(handle.db, { demo: env.SEED_DEMO ?? true });
    if (created.length > 0) {
      console.log("\nSign-in details (shown once; each must choose a new password at first sign-in):");
      for (const login of created) console.log(`  ${login.role.padEnd(7)} ${login.email.padEnd(28)} ${login.oneTimePassword}`);
      console.log(`  at ${env.siteUrl}/login\n`);
    }
  } finally {
    // The server opens the embedded database itself; two openers of one PGlite folder lose writes.
    await handle.close();
  }
  if (!buildIfNeeded()) {
    console.error("error: the build failed (see above).");
    process.exit(1);
  }
});
