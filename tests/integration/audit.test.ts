import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "@/db/connect";
import { migrateHandle } from "@/db/migrate";
import { verifyAuditChain } from "@/db/audit/verify";
import { auditLog } from "@/db/schema";
import { insertStaffMember } from "@/db/staff/insert";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  for (const n of [1, 2, 3, 4]) await insertStaffMember(database.db, { email: `audit-${n}@test.example`, name: `Audit ${n}`, role: "writer" });
});
afterAll(() => database.drop());

describe("audit chain verification", () => {
  it("passes on an untouched chain and names the first altered row", async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 4 });
    const rows = await database.db.select().from(auditLog).orderBy(asc(auditLog.id));
    await database.db.update(auditLog).set({ toState: "admin" }).where(eq(auditLog.id, rows[2]!.id));
    expect(await verifyAuditChain(database.db, 2)).toMatchObject({ ok: false, brokenId: rows[2]!.id, checked: 2 });
    await database.db.update(auditLog).set({ toState: rows[2]!.toState }).where(eq(auditLog.id, rows[2]!.id));
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("notices a deleted row", async () => {
    const rows = await database.db.select().from(auditLog).orderBy(asc(auditLog.id));
    await database.db.execute(sql`delete from audit_log where id = ${rows[1]!.id}`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenId: rows[2]!.id });
  });
});

describe("npm run audit:verify", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "pressroom-audit-"));
  const pgliteDir = path.join(folder, "db");
  const run = () =>
    spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/audit-verify.ts"], {
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: pgliteDir, DATA_DIR: folder },
      encoding: "utf8",
    });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("reports an intact chain, then exits 1 naming the altered row", async () => {
    const handle = await connect({ pgliteDir });
    await migrateHandle(handle);
    await insertStaffMember(handle.db, { email: "one@test.example", name: "One", role: "writer" });
    await insertStaffMember(handle.db, { email: "two@test.example", name: "Two", role: "editor" });
    const [first] = await handle.db.select().from(auditLog).orderBy(asc(auditLog.id)).limit(1);
    await handle.close();

    const intact = run();
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain("The audit chain is intact: 2 rows checked.");

    const again = await connect({ pgliteDir });
    await again.db.update(auditLog).set({ actorEmail: "someone-else" }).where(eq(auditLog.id, first!.id));
    await again.close();
    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`the audit chain is broken at row ${first!.id}`);
  });
});
