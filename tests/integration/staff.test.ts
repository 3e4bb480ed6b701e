import { asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, users } from "@/db/schema";
import { CLI_ACTOR } from "@/db/staff/actor";
import { changeOwnPassword } from "@/db/staff/change-own-password";
import { createStaff } from "@/db/staff/create-staff";
import { insertStaffMember } from "@/db/staff/insert";
import { listStaff } from "@/db/staff/list-staff";
import { resetStaffPassword } from "@/db/staff/reset-staff-password";
import { setStaffActive } from "@/db/staff/set-staff-active";
import { setStaffActiveAs } from "@/db/staff/set-staff-active-as";
import { setStaffRole } from "@/db/staff/set-staff-role";
import { setStaffRoleAs } from "@/db/staff/set-staff-role-as";
import type { Viewer } from "@/db/viewer";
import { verifyPassword } from "@/lib/auth/password";
import { AppError, type ErrorCode } from "@/lib/errors";
import { createTestDatabase, describeOnServer, type TestDatabase } from "../support/database";

// db/viewer.ts (assertCan) imports the Auth.js instance, which cannot load outside Next. These tests pass
// Viewer objects directly and never read a session.
vi.mock("@/auth", () => ({ auth: async () => null, signIn: async () => undefined, signOut: async () => undefined, handlers: {} }));

let database: TestDatabase;
let admin: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await seed("root.admin@example.com", "Root Admin", "admin");
});

afterAll(async () => {
  await database?.drop();
});

type Role = Viewer["role"];

async function seed(email: string, name: string, role: Role, options: { password?: boolean } = {}) {
  const { user, oneTimePassword } = await insertStaffMember(database.db, { email, name, role }, CLI_ACTOR);
  const viewer: Viewer = { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: false };
  return options.password ? Object.assign(viewer, { oneTimePassword }) : viewer;
}

async function row(userId: string) {
  const [found] = await database.db.select().from(users).where(eq(users.id, userId));
  if (!found) throw new Error(`no user ${userId}`);
  return found;
}

async function snapshot() {
  const everyone = await database.db.select().from(users).orderBy(asc(users.id));
  const [audit] = await database.db.select({ rows: count() }).from(auditLog);
  return { everyone, auditRows: audit?.rows };
}

async function auditFor(userId: string) {
  return database.db.select().from(auditLog).where(eq(auditLog.subjectUserId, userId)).orderBy(asc(auditLog.id));
}

async function expectAppError(promise: Promise<unknown>, code: ErrorCode, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, `expected AppError(${code})`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

describe("staff management", () => {
  it("refuses to demote or deactivate the last active admin, even from the CLI", async () => {
    const before = await snapshot();
    expect(before.everyone.filter((user) => user.role === "admin" && user.active)).toHaveLength(1);
    const current = await row(admin.id);

    await expectAppError(
      setStaffRoleAs(database.db, CLI_ACTOR, { userId: admin.id, role: "editor", expectedVersion: current.version }),
      "conflict",
      /last active admin/,
    );
    await expectAppError(
      setStaffActiveAs(database.db, CLI_ACTOR, { userId: admin.id, active: false, expectedVersion: current.version }),
      "conflict",
      /last active admin/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("lets an admin create staff with a one-time password that must be changed", async () => {
    const { member, oneTimePassword } = await createStaff(admin, {
      email: "  Ada.Writer@Example.COM ",
      name: "Ada Writer",
      role: "writer",
    });
    expect(member).toMatchObject({ email: "ada.writer@example.com", name: "Ada Writer", role: "writer", active: true });
    expect(member).not.toHaveProperty("passwordHash");

    const stored = await row(member.id);
    expect(stored.mustChangePassword).toBe(true);
    expect(await verifyPassword(stored.passwordHash, oneTimePassword)).toBe(true);
    expect(await verifyPassword(stored.passwordHash, "something else entirely")).toBe(false);

    const [created] = await auditFor(member.id);
    expect(created).toMatchObject({ action: "staff_created", actorId: admin.id, actorEmail: admin.email, toState: "writer" });

    await expectAppError(createStaff(admin, { email: "ADA.writer@example.com", name: "Ada Again", role: "editor" }), "conflict");
    await expectAppError(createStaff(admin, { email: "not-an-email", name: "Nobody", role: "writer" }), "invalid");
    const listed = await listStaff(admin);
    expect(listed.map((staff) => staff.email)).toContain("ada.writer@example.com");
  });

  it("refuses writers and editors every staff operation, and changes nothing", async () => {
    const writer = await seed("wendy.writer@example.com", "Wendy Writer", "writer");
    const editor = await seed("eddie.editor@example.com", "Eddie Editor", "editor");
    const target = await row(writer.id);

    for (const viewer of [writer, editor]) {
      const before = await snapshot();
      const attempts: Array<[string, () => Promise<unknown>]> = [
        ["listStaff", () => listStaff(viewer)],
        ["createStaff", () => createStaff(viewer, { email: "sneaky@example.com", name: "Sneaky", role: "admin" })],
        ["setStaffRole", () => setStaffRole(viewer, { userId: viewer.id, role: "admin", expectedVersion: target.version })],
        ["setStaffRole (other)", () => setStaffRole(viewer, { userId: admin.id, role: "writer", expectedVersion: 1 })],
        ["setStaffActive", () => setStaffActive(viewer, { userId: admin.id, active: false, expectedVersion: 1 })],
        ["resetStaffPassword", () => resetStaffPassword(viewer, { userId: admin.id, expectedVersion: 1 })],
        // authorization comes before validation: malformed input still gets "forbidden"
        ["setStaffRole (malformed)", () => setStaffRole(viewer, { userId: "x", role: "boss", expectedVersion: -1 } as never)],
      ];
      for (const [name, attempt] of attempts) {
        const error = await expectAppError(attempt(), "forbidden");
        expect(error.message, name).toMatch(/staff:manage/);
      }
      expect(await snapshot()).toEqual(before);
    }
  });

  it("refuses an admin who was demoted since their request was authorized", async () => {
    const demoted = await seed("former.admin@example.com", "Former Admin", "admin");
    const target = await seed("target.writer@example.com", "Target Writer", "writer");
    const current = await row(demoted.id);
    await setStaffRole(admin, { userId: demoted.id, role: "editor", expectedVersion: current.version });

    const before = await snapshot();
    const stored = await row(target.id);
    // `demoted` still says role "admin": the transaction re-checks the actor against the database.
    await expectAppError(
      setStaffActive(demoted, { userId: target.id, active: false, expectedVersion: stored.version }),
      "forbidden",
      /active admin/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a change made against a stale version", async () => {
    const target = await seed("stale.editor@example.com", "Stale Editor", "editor");
    const original = await row(target.id);
    await setStaffRole(admin, { userId: target.id, role: "writer", expectedVersion: original.version });

    const before = await snapshot();
    for (const attempt of [
      () => setStaffRole(admin, { userId: target.id, role: "admin", expectedVersion: original.version }),
      () => setStaffActive(admin, { userId: target.id, active: false, expectedVersion: original.version }),
      () => resetStaffPassword(admin, { userId: target.id, expectedVersion: original.version }),
    ]) {
      await expectAppError(attempt(), "conflict", /Someone else changed this account; reload and try again\./);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("changes a role, ends the person's sessions and records from and to", async () => {
    const target = await seed("rory.role@example.com", "Rory Role", "writer");
    const before = await row(target.id);

    const updated = await setStaffRole(admin, { userId: target.id, role: "editor", expectedVersion: before.version });
    expect(updated.role).toBe("editor");
    const after = await row(target.id);
    expect(after.version).toBe(before.version + 1);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);

    const rows = await auditFor(target.id);
    expect(rows.at(-1)).toMatchObject({
      action: "staff_role_changed",
      actorId: admin.id,
      fromState: "writer",
      toState: "editor",
    });
    await expectAppError(
      setStaffRole(admin, { userId: target.id, role: "editor", expectedVersion: after.version }),
      "invalid",
      /already an editor/,
    );
  });

  it("stops an admin demoting or deactivating themselves, and from resetting their own password here", async () => {
    await seed("second.admin@example.com", "Second Admin", "admin");
    const before = await snapshot();
    const self = await row(admin.id);
    await expectAppError(
      setStaffRole(admin, { userId: admin.id, role: "editor", expectedVersion: self.version }),
      "invalid",
      /cannot change your own role/,
    );
    await expectAppError(
      setStaffActive(admin, { userId: admin.id, active: false, expectedVersion: self.version }),
      "invalid",
      /cannot deactivate yourself/,
    );
    await expectAppError(resetStaffPassword(admin, { userId: admin.id, expectedVersion: self.version }), "invalid", /Password page/);
    expect(await snapshot()).toEqual(before);
  });

  it("deactivates (ending sessions) and reactivates, with audit rows", async () => {
    const target = await seed("dana.deactivated@example.com", "Dana Deactivated", "editor");
    const start = await row(target.id);

    await setStaffActive(admin, { userId: target.id, active: false, expectedVersion: start.version });
    const off = await row(target.id);
    expect(off).toMatchObject({ active: false, version: start.version + 1, sessionVersion: start.sessionVersion + 1 });

    // The CLI goes through the same rule and is recorded as the actor "cli".
    await setStaffActiveAs(database.db, CLI_ACTOR, { userId: target.id, active: true, expectedVersion: off.version });
    const on = await row(target.id);
    expect(on).toMatchObject({ active: true, version: off.version + 1, sessionVersion: off.sessionVersion });

    const entries = await auditFor(target.id);
    expect(entries.map((entry) => entry.action)).toEqual(["staff_created", "staff_deactivated", "staff_reactivated"]);
    expect(entries[1]).toMatchObject({ actorId: admin.id, fromState: "active", toState: "inactive" });
    expect(entries[2]).toMatchObject({ actorId: null, actorEmail: "cli", fromState: "inactive", toState: "active" });
  });

  it("resets a password to a new one-time password and ends the person's sessions", async () => {
    const target = await seed("pat.reset@example.com", "Pat Reset", "writer");
    const before = await row(target.id);

    const { oneTimePassword, member } = await resetStaffPassword(admin, { userId: target.id, expectedVersion: before.version });
    expect(member).not.toHaveProperty("passwordHash");
    const after = await row(target.id);
    expect(after.mustChangePassword).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.version).toBe(before.version + 1);
    expect(await verifyPassword(after.passwordHash, oneTimePassword)).toBe(true);
    expect((await auditFor(target.id)).at(-1)).toMatchObject({ action: "staff_password_reset", actorId: admin.id });
  });

  it("lets anyone change their own password, under the rules", async () => {
    const person = await seed("Olive.Own@example.com", "Olive Own", "writer", { password: true });
    const current = (person as Viewer & { oneTimePassword: string }).oneTimePassword;
    const viewer: Viewer = { ...person, mustChangePassword: true };

    const before = await snapshot();
    const wrong = await expectAppError(
      changeOwnPassword(viewer, { currentPassword: "not my password", newPassword: "a perfectly fine password" }),
      "invalid",
      /current password is not correct/,
    );
    expect(wrong.details).toMatchObject({ fieldErrors: { currentPassword: [expect.any(String)] } });
    await expectAppError(changeOwnPassword(viewer, { currentPassword: current, newPassword: "short" }), "invalid", /at least 12/);
    await expectAppError(
      changeOwnPassword(viewer, { currentPassword: current, newPassword: "x-OLIVE.OWN@EXAMPLE.COM-x" }),
      "invalid",
      /must not contain your email/,
    );
    await expectAppError(changeOwnPassword(viewer, { currentPassword: current, newPassword: current }), "invalid", /different/);
    await expectAppError(
      changeOwnPassword(viewer, { currentPassword: current, newPassword: "fine password", extra: 1 } as never),
      "invalid",
    );
    expect(await snapshot()).toEqual(before);

    const stored = await row(person.id);
    const { sessionVersion } = await changeOwnPassword(viewer, {
      currentPassword: current,
      newPassword: "correct horse battery staple",
    });
    const after = await row(person.id);
    expect(sessionVersion).toBe(stored.sessionVersion + 1);
    expect(after).toMatchObject({ mustChangePassword: false, sessionVersion, version: stored.version + 1 });
    expect(await verifyPassword(after.passwordHash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(after.passwordHash, current)).toBe(false);
    expect((await auditFor(person.id)).at(-1)).toMatchObject({ action: "password_changed", actorId: person.id });
  });

  it("keeps the audit log one unbroken hash chain", async () => {
    const chain = await database.db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(chain.length).toBeGreaterThan(10);
    chain.forEach((entry, index) => {
      if (index > 0) expect(entry.prevHash).toBe(chain[index - 1]?.hash);
    });
  });
});

describeOnServer("staff management under concurrency", () => {
  it("never lets two admins demote each other at once and leave no admin", async () => {
    const first = await seed("race.one@example.com", "Race One", "admin");
    const second = await seed("race.two@example.com", "Race Two", "admin");
    // Leave exactly these two as the active admins.
    for (const other of (await database.db.select().from(users)).filter(
      (user) => user.role === "admin" && user.active && user.id !== first.id && user.id !== second.id,
    )) {
      await setStaffActiveAs(database.db, CLI_ACTOR, { userId: other.id, active: false, expectedVersion: other.version });
    }
    const [one, two] = [await row(first.id), await row(second.id)];
    // Open several pooled connections first, so the two transactions really overlap.
    await Promise.all(Array.from({ length: 4 }, () => database.db.execute(sql`select pg_sleep(0.05)`)));
    const results = await Promise.allSettled([
      setStaffRole(first, { userId: second.id, role: "editor", expectedVersion: two.version }),
      setStaffRole(second, { userId: first.id, role: "editor", expectedVersion: one.version }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const admins = (await database.db.select().from(users)).filter((user) => user.role === "admin" && user.active);
    expect(admins).toHaveLength(1);
  });
});
