import { spawn } from "node:child_process";
import { migrateDatabase } from "@/db/migrate";
import { bootstrap } from "@/db/seed/bootstrap";
import { ensureEmbeddedAuthSecret, env, STAFF_DISABLED_MESSAGE } from "@/env";
import { buildIfNeeded } from "./build-fingerprint";
import { openCliDatabase, runCli } from "./cli-database";

/** `npm start`: migrate, create the first admin (and demo content) when empty, build when needed, serve. */
async function prepare() {
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
}

void runCli(async () => {
  await prepare();
  if (!buildIfNeeded()) {
    console.error("error: the build failed (see above).");
    process.exit(1);
  }
  const server = spawn(process.execPath, ["scripts/server.mjs"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  const code = await new Promise<number>((resolve) => server.on("exit", (status) => resolve(status ?? 0)));
  process.exit(code);
});
