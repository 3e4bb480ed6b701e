import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const folder = mkdtempSync(path.join(tmpdir(), "pressroom-jobs-cli-"));
const pgliteDir = path.join(folder, "pglite");

/** Runs a CLI as `npm run …` would, on the embedded database in `folder`. */
function runScript(script: string, args: string[]) {
  const result = spawnSync("node", ["--conditions=react-server", "--import", "tsx", `scripts/${script}`, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: folder, PGLITE_DIR: pgliteDir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Opens the folder's database in this process between CLI runs (never while one runs: one holder at a time). */
async function withDatabase<T>(work: (db: PGlite) => Promise<T>): Promise<T> {
  const db = new PGlite(pgliteDir);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

// Each case starts Node processes (tsx, then PGlite): a busy machine may need more than the default minute.
describe("npm run jobs", { timeout: 300_000 }, () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("lists a dead job with its reason, retries it, then discards it, each in the audit log", async () => {
    expect(runScript("migrate.ts", []).status).toBe(0);
    expect(runScript("jobs.ts", ["list"]).stdout).toContain("No jobs queued, running, failed or dead.");

    const id = await withDatabase(async (db) => {
      const inserted = await db.query<{ id: string }>(
        `insert into jobs (kind, payload, state, attempts, max_attempts, dead_reason, last_error)
         values ('notification_email', '{}'::jsonb, 'dead', 8, 8, 'The mail server refused: 550 no such user', '550 no such user') returning id`,
      );
      return inserted.rows[0]!.id;
    });

    const listed = runScript("jobs.ts", ["list"]);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/notification_email \(.+\): queued 0, running 0, failed 0, dead 1/);
    expect(listed.stdout).toContain(`${id}\tnotification_email\tdead\tattempt 8/8`);
    expect(listed.stdout).toContain("The mail server refused: 550 no such user");

    const retried = runScript("jobs.ts", ["retry", "--id", id]);
    expect(retried.status, retried.stderr).toBe(0);
    expect(retried.stdout).toContain(`Queued notification_email job ${id} to run again now.`);
    expect(await withDatabase(async (db) => (await db.query<{ state: string; attempts: number }>(`select state, attempts from jobs where id = $1`, [id])).rows)).toEqual([
      { state: "queued", attempts: 0 },
    ]);

    const discarded = runScript("jobs.ts", ["discard", "--id", id]);
    expect(discarded.status, discarded.stderr).toBe(0);
    expect(discarded.stdout).toContain(`Discarded notification_email job ${id} (it was queued).`);

    const after = await withDatabase(async (db) => ({
      jobs: (await db.query(`select id from jobs where id = $1`, [id])).rows.length,
      audit: (await db.query<{ action: string; actor_email: string | null }>(`select action, actor_email from audit_log where action like 'job_%' order by id`)).rows,
    }));
    expect(after.jobs).toBe(0);
    expect(after.audit.map((row) => row.action)).toEqual(["job_retried", "job_discarded"]);

    const missing = runScript("jobs.ts", ["retry", "--id", id]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no such job/);
  });

  it("explains its usage and exits 2 on bad input", () => {
    for (const args of [[], ["frobnicate"], ["retry"], ["retry", "--id", "not-a-uuid"], ["list", "--state", "lost"], ["list", "--id", "x"]]) {
      const result = runScript("jobs.ts", args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^error: .+\n\nUsage: npm run jobs -- <command>/);
    }
  });
});
