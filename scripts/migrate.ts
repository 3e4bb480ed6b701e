import { migrateDatabase } from "@/db/migrate";
import { env } from "@/env";
import { runCli } from "./cli-database";

void runCli(async () => {
  await migrateDatabase({ url: env.DATABASE_URL, pgliteDir: env.pgliteDir });
  console.log(`Migrated the ${env.mode === "server" ? "Postgres server" : `embedded database at ${env.pgliteDir}`}.`);
});
