import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { setProcessDatabase } from "@/db/client";
import { connect, DatabaseUnreachableError } from "@/db/connect";
import { createTestDatabase, describeOnServer, TEST_SERVER_URL, type TestDatabase } from "../support/database";

const tsx = (script: string, env: Record<string, string>) =>
  spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });

describe("database connection", () => {
  it("names an unreachable server clearly instead of falling back to the embedded database", async () => {
    const attempt = connect({ url: "postgres://postgres@127.0.0.1:1/nothing", pgliteDir: "/nonexistent" });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(connect({ url: "postgres://postgres@127.0.0.1:1/nothing", pgliteDir: "/nonexistent" })).rejects.toThrow(
      /Cannot reach the Postgres server at 127\.0\.0\.1:1\/nothing \(DATABASE_URL\)/,
    );
  });

  it("the migrate command exits 1 with that message", () => {
    const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/migrate.ts"], {
      env: { ...process.env, DATABASE_URL: "postgres://postgres@127.0.0.1:1/nothing" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error: Cannot reach the Postgres server at 127.0.0.1:1/nothing");
  });
});

describe("configuration", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "pressroom-env-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const read = "tests/support/print-auth-secret.ts";

  it("embedded mode generates AUTH_SECRET once, owner-readable only, and keeps it", () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: "", AUTH_SECRET: "" };
    const first = JSON.parse(tsx(read, env).stdout) as string;
    const second = JSON.parse(tsx(read, env).stdout) as string;
    expect(first).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(second).toBe(first);
    expect(statSync(path.join(dataDir, "auth-secret")).mode & 0o777).toBe(0o600);
  });

  it("server mode without AUTH_SECRET generates nothing and leaves staff sign-in off", () => {
    const serverDir = path.join(dataDir, "server-mode");
    const output = tsx(read, { DATA_DIR: serverDir, DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres", AUTH_SECRET: "" });
    expect(JSON.parse(output.stdout)).toBeNull();
    expect(() => statSync(path.join(serverDir, "auth-secret"))).toThrow();
  });

  it("rejects a malformed setting with a clear message", () => {
    const output = tsx(read, { DATA_DIR: dataDir, DATABASE_URL: "mysql://nope", AUTH_SECRET: "" });
    expect(output.status).not.toBe(0);
    expect(output.stderr).toContain("DATABASE_URL must start with postgres:// or postgresql://");
  });
});

describe("health check", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("answers 200 when the database answers", async () => {
    setProcessDatabase(database);
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("answers 503 when the database does not", async () => {
    setProcessDatabase({
      ...database,
      db: { execute: () => Promise.reject(new Error("connection refused")) } as unknown as TestDatabase["db"],
    });
    const response = await health();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable" });
    setProcessDatabase(database);
  });
});

describeOnServer("migrations under an advisory lock", () => {
  it("three processes migrating one fresh database at once all succeed and apply each migration once", async () => {
    const name = `pressroom_test_migrate_${Date.now()}`;
    const admin = new URL(TEST_SERVER_URL!);
    execFileSync("psql", [admin.toString(), "-q", "-c", `create database ${name}`]);
    const url = new URL(TEST_SERVER_URL!);
    url.pathname = `/${name}`;
    try {
      const runs = await Promise.all(
        [1, 2, 3].map(
          () =>
            new Promise<number>((resolve) => {
              const child = spawn(
                process.execPath,
                ["--conditions=react-server", "--import", "tsx", "scripts/migrate.ts"],
                { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: "ignore" },
              );
              child.on("exit", (code) => resolve(code ?? -1));
            }),
        ),
      );
      expect(runs).toEqual([0, 0, 0]);
      const applied = execFileSync("psql", [url.toString(), "-At", "-c", "select count(*) from drizzle.__drizzle_migrations"], { encoding: "utf8" });
      const files = execFileSync("sh", ["-c", "ls db/migrations/*.sql | wc -l"], { encoding: "utf8" });
      expect(Number(applied.trim())).toBe(Number(files.trim()));
    } finally {
      execFileSync("psql", [admin.toString(), "-q", "-c", `drop database if exists ${name} with (force)`]);
    }
  });
});
