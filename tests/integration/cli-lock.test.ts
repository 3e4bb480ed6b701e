import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const folders: string[] = [];

function tempFolder() {
  const folder = mkdtempSync(path.join(tmpdir(), "pressroom-cli-"));
  folders.push(folder);
  return folder;
}

/** Runs one of our CLIs as `npm run …` would, on the embedded database in `folder`. */
function runScript(script: string, args: string[], folder: string) {
  const result = spawnSync("node", ["--conditions=react-server", "--import", "tsx", `scripts/${script}`, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: folder, PGLITE_DIR: path.join(folder, "pglite") },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each case starts several Node processes (tsx, then PGlite): on a busy two-core machine one case can take
// more than the default minute, so these cases wait longer; the result does not depend on the time taken.
const PROCESS_CASE_TIMEOUT = 300_000;

describe("npm run user", { timeout: PROCESS_CASE_TIMEOUT }, () => {
  let holder: ChildProcess;

  beforeAll(() => {
    holder = spawn("sleep", ["600"], { stdio: "ignore" });
  });

  afterAll(() => {
    holder.kill();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it("refuses an embedded database that another live process holds", () => {
    const folder = tempFolder();
    expect(holder.pid).toBeTypeOf("number");
    writeFileSync(`${path.join(folder, "pglite")}.lock`, String(holder.pid));

    const result = runScript("user.ts", ["list"], folder);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/in use by another process/);
    expect(result.stderr).toContain(`pid ${holder.pid}`);
    expect(result.stdout).toBe("");
  });

  it("creates and lists staff on a free, migrated embedded database", () => {
    const folder = tempFolder();
    const migrated = runScript("migrate.ts", [], folder);
    expect(migrated.status, migrated.stderr).toBe(0);

    const created = runScript("user.ts", ["create", "--email", "Chief@Example.com", "--role", "admin", "--name", "Chief Admin"], folder);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/One-time password: [A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}/);

    const listed = runScript("user.ts", ["list"], folder);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/chief@example\.com\tChief Admin\tadmin\tactive, must change password/);

    const lastAdmin = runScript("user.ts", ["deactivate", "--email", "chief@example.com"], folder);
    expect(lastAdmin.status).toBe(1);
    expect(lastAdmin.stderr).toMatch(/last active admin/);
  });

  it("explains its usage and exits 2 on bad input", () => {
    const folder = tempFolder();
    for (const args of [[], ["frobnicate"], ["create", "--email", "a@example.com"], ["set-role", "--email", "a@example.com", "--role", "boss"], ["list", "--bogus"]]) {
      const result = runScript("user.ts", args, folder);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^error: .+\n\nUsage: npm run user -- <command>/);
    }
  });
});
