import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const PORT = 3711;
const SITE = `http://localhost:${PORT}`;

const started: ChildProcess[] = [];
/** A fresh server's first sign-in loads its routes and hashes a password: on a busy machine that takes a while. */
const FIRST_USE = { timeout: 60_000 };

/** The processes `pid` started that are still running. */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

/** Runs `npm start`'s script (as package.json does) on an empty embedded database and collects what it prints. */
function start(dataDir: string) {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), SITE_URL: SITE, DATABASE_URL: "", AUTH_SECRET: "", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  const serving = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Pressroom is serving")) resolve(output);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code, signal) => {
      // After it served, an exit nobody asked for is what the test must report.
      if (!stopping.has(child)) console.error(`npm start exited with ${code ?? signal}:\n${output}`);
      reject(new Error(`npm start exited with ${code ?? signal}:\n${output}`));
    });
  });
  return { child, serving };
}

const stopping = new Set<ChildProcess>();

function stop(child: ChildProcess) {
  stopping.add(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

test("a first start on an empty embedded database prints an admin login that works; a second start keeps the data", async ({ page }) => {
  test.setTimeout(600_000); // two starts, each migrating or checking an embedded database, on a busy machine
  const dataDir = mkdtempSync(path.join(tmpdir(), "pressroom-first-start-"));
  try {
    const first = start(dataDir);
    const output = await first.serving;
    const admin = /admin\s+(admin@example\.org)\s+(\S+)/.exec(output);
    expect(admin, output).not.toBeNull();
    expect(output).toMatch(/writer\s+writer@example\.org\s+\S+/);
    expect(output).toMatch(/editor\s+editor@example\.org\s+\S+/);
    // One resident process: migrating, seeding and building ran in a child that has exited; `npm start`
    // itself is the server.
    expect(childrenOf(first.child.pid!)).toEqual([]);

    await page.goto(`${SITE}/login`);
    await page.getByLabel("Email").fill(admin![1]!);
    await page.getByLabel("Password").fill(admin![2]!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/desk\/password/, FIRST_USE);
    await page.getByLabel("Current password").fill(admin![2]!);
    await page.getByLabel("New password", { exact: true }).fill("first-admin-passphrase-2026");
    await page.getByLabel("Confirm new password").fill("first-admin-passphrase-2026");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "Desk", exact: true })).toBeVisible(FIRST_USE);

    await page.goto(SITE);
    await expect(page.getByRole("heading", { level: 2 })).toHaveCount(3, FIRST_USE);
    await stop(first.child);

    const second = start(dataDir);
    const again = await second.serving;
    expect(again).not.toContain("Sign-in details");
    await page.goto(SITE);
    await expect(page.getByRole("heading", { level: 2 })).toHaveCount(3, FIRST_USE);
    // The generated AUTH_SECRET survived the restart, so the session did too.
    await page.goto(`${SITE}/desk`);
    await expect(page.getByRole("heading", { name: "Desk", exact: true })).toBeVisible(FIRST_USE);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/, FIRST_USE);
    await page.getByLabel("Email").fill("admin@example.org");
    await page.getByLabel("Password").fill("first-admin-passphrase-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Desk", exact: true })).toBeVisible(FIRST_USE);
    await stop(second.child);
  } finally {
    for (const child of started) await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
