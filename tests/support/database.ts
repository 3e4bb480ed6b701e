import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { describe } from "vitest";
import { setProcessDatabase } from "@/db/client";
import { connect, type DatabaseHandle } from "@/db/connect";
import { migrateDatabase, migrateHandle } from "@/db/migrate";

/**
 * Integration tests use their own databases: a fresh one on the Postgres server named by
 * TEST_DATABASE_URL (never the app's DATABASE_URL), or a temporary PGlite folder otherwise.
 * TEST_DRIVER=pglite forces PGlite even when a server is configured.
 */
export const TEST_SERVER_URL = process.env.TEST_DRIVER === "pglite" ? undefined : process.env.TEST_DATABASE_URL || undefined;

export type TestDatabase = DatabaseHandle & { url?: string; drop(): Promise<void> };

export async function createTestDatabase(options: { server?: boolean } = {}): Promise<TestDatabase> {
  const useServer = options.server ?? Boolean(TEST_SERVER_URL);
  if (useServer) {
    if (!TEST_SERVER_URL) throw new Error("This test needs TEST_DATABASE_URL (a Postgres server).");
    const name = `pressroom_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(TEST_SERVER_URL);
    url.pathname = `/${name}`;
    await migrateDatabase({ url: url.toString(), pgliteDir: "" });
    const handle = await connect({ url: url.toString(), pgliteDir: "" });
    setProcessDatabase(handle);
    return {
      ...handle,
      url: url.toString(),
      async drop() {
        await handle.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const folder = mkdtempSync(path.join(tmpdir(), "pressroom-pglite-"));
  const handle = await connect({ pgliteDir: path.join(folder, "db") });
  await migrateHandle(handle);
  setProcessDatabase(handle);
  return {
    ...handle,
    async drop() {
      await handle.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * For tests that only mean something on a real server (locks, concurrency, several processes): they
 * are skipped, by name, when no server is configured, and never pass vacuously.
 */
export function describeOnServer(name: string, body: () => void) {
  return TEST_SERVER_URL ? describe(name, body) : describe.skip(`${name} (skipped: needs TEST_DATABASE_URL)`, body);
}
