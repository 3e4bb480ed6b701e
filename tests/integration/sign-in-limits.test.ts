import { spawn } from "node:child_process";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredentials, type CredentialCheck } from "@/db/auth/credentials";
import { auditLog, signInFailures, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, MAX_FAILURES_PER_ADDRESS } from "@/lib/auth/sign-in-limits";
import { createTestDatabase, describeOnServer, type TestDatabase } from "../support/database";
import { makeStaff } from "../support/staff";

const ROOT = path.resolve(__dirname, "../..");
const PASSWORD = "the-right-passphrase-2026";
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

async function staffWithPassword(): Promise<string> {
  const staff = await makeStaff(database.db, "writer");
  await database.db.update(users).set({ passwordHash: await hashPassword(PASSWORD), mustChangePassword: false }).where(eq(users.id, staff.id));
  return staff.email;
}

function tally(results: CredentialCheck[]) {
  return {
    checked: results.filter((result) => !result.ok && result.reason === "wrong_credentials").length,
    refused: results.filter((result) => !result.ok && result.reason === "rate_limited").length,
    signedIn: results.filter((result) => result.ok).length,
  };
}

/** Password checks that happened, as the database recorded them: one audit row each. */
async function checksRecorded(email: string, address: string) {
  const [failed] = await database.db
    .select({ count: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.action, "sign_in_failed"), eq(auditLog.actorEmail, email), eq(auditLog.address, address)));
  const [reserved] = await database.db
    .select({ count: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, email), eq(signInFailures.address, address)));
  return { audited: Number(failed?.count), counted: Number(reserved?.count) };
}

describe("sign-in limits under parallel requests", () => {
  it("checks at most five of 100 wrong passwords sent at once for one account, and refuses the rest with 429", async () => {
    const email = await staffWithPassword();
    const address = "198.51.100.10";
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) => checkCredentials({ email, password: `wrong-${index}`, address })),
    );
    expect(tally(results)).toEqual({ checked: MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, refused: 95, signedIn: 0 });
    expect(await checksRecorded(email, address)).toEqual({ audited: 5, counted: 5 });
    const refusal = results.find((result) => !result.ok && result.reason === "rate_limited");
    expect(refusal && "retryAfterSeconds" in refusal ? refusal.retryAfterSeconds : 0).toBeGreaterThan(800);

    // The right password is refused too while the window is full, and is not even checked.
    expect(await checkCredentials({ email, password: PASSWORD, address })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await checksRecorded(email, address)).toEqual({ audited: 5, counted: 5 });
    // Another address is not held back by this one's failures.
    expect(await checkCredentials({ email, password: PASSWORD, address: "198.51.100.11" })).toMatchObject({ ok: true });
  });

  it("holds the per-address ceiling when one address tries many accounts at once", async () => {
    const address = "198.51.100.20";
    const results = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_ADDRESS + 30 }, (_, index) =>
        checkCredentials({ email: `nobody-${index}@example.com`, password: "guess", address }),
      ),
    );
    expect(tally(results)).toEqual({ checked: MAX_FAILURES_PER_ADDRESS, refused: 30, signedIn: 0 });
    const [rows] = await database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(signInFailures)
      .where(eq(signInFailures.address, address));
    expect(Number(rows?.count)).toBe(MAX_FAILURES_PER_ADDRESS);
  });

  it("a right password within the limits signs in and clears that account's failures from that address", async () => {
    const email = await staffWithPassword();
    const address = "198.51.100.30";
    const wrong = await Promise.all([1, 2, 3].map((index) => checkCredentials({ email, password: `wrong-${index}`, address })));
    expect(tally(wrong)).toEqual({ checked: 3, refused: 0, signedIn: 0 });
    expect(await checkCredentials({ email: email.toUpperCase(), password: PASSWORD, address })).toMatchObject({ ok: true });
    expect(await checksRecorded(email, address)).toEqual({ audited: 3, counted: 0 });
  });
});

function burst(url: string, email: string, count: number, startAt: number): Promise<{ checked: number; refused: number; signedIn: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/support/sign-in-burst.ts", url, email, String(count), String(startAt)],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`sign-in burst exited ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split("\n").at(-1)!));
    });
  });
}

describeOnServer("sign-in limits across instances", () => {
  it("100 wrong passwords sent at once through two instances get at most five password checks; the rest 429", async () => {
    const email = await staffWithPassword();
    const startAt = Date.now() + 8_000;
    const [first, second] = await Promise.all([burst(database.url!, email, 50, startAt), burst(database.url!, email, 50, startAt)]);
    const total = { checked: first!.checked + second!.checked, refused: first!.refused + second!.refused, signedIn: 0 };
    expect(total).toEqual({ checked: 5, refused: 95, signedIn: 0 });
    expect(await checksRecorded(email, "203.0.113.7")).toEqual({ audited: 5, counted: 5 });
  }, 90_000);
});
