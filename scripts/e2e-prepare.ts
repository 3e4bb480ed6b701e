import { rmSync } from "node:fs";
import postgres from "postgres";
import { eq } from "drizzle-orm";
import { migrateDatabase } from "@/db/migrate";
import { topics, users } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { insertStaffMember } from "@/db/staff/insert";
import { env } from "@/env";
import { hashPassword } from "@/lib/auth/password";
import { ACCOUNTS, E2E_PASSWORD, E2E_TOPICS, ONE_TIME } from "../e2e/accounts";
import { fail, openCliDatabase, runCli } from "./cli-database";

/** Starts the end-to-end run from an empty database; only ever one whose name says it is for tests. */
async function emptyServerDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  if (!/e2e|test/i.test(name)) fail(`refusing to empty the database "${name}": end-to-end databases must have "e2e" or "test" in their name.`);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe("drop schema if exists drizzle cascade; drop schema public cascade; create schema public;");
  } finally {
    await sql.end();
  }
}

/** A fresh database for the end-to-end run, with known staff accounts and no demo content. */
void runCli(async () => {
  if (env.mode === "embedded") rmSync(env.dataDir, { recursive: true, force: true });
  else await emptyServerDatabase(env.DATABASE_URL!);
  await migrateDatabase({ url: env.DATABASE_URL, pgliteDir: env.pgliteDir });
  const handle = await openCliDatabase();
  try {
    await bootstrap(handle.db, { demo: false });
    const known = await hashPassword(E2E_PASSWORD);
    for (const account of Object.values(ACCOUNTS)) {
      const { user } = await insertStaffMember(handle.db, account);
      await handle.db.update(users).set({ passwordHash: known, mustChangePassword: false }).where(eq(users.id, user.id));
    }
    await handle.db.insert(topics).values([...E2E_TOPICS]);
    const { user } = await insertStaffMember(handle.db, ONE_TIME);
    await handle.db.update(users).set({ passwordHash: await hashPassword(ONE_TIME.password) }).where(eq(users.id, user.id));
  } finally {
    await handle.close();
  }
  console.log("e2e database prepared");
});
