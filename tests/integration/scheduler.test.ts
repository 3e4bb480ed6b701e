import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { verifyAuditChain } from "@/db/audit/verify";
import { publishDueReleases } from "@/db/publishing/scheduler";
import { createRelease } from "@/db/releases/create";
import { transitionRelease } from "@/db/releases/transition";
import { auditLog, publications, releases, settings } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { AppError } from "@/lib/errors";
import { toLocalInput } from "@/lib/time/zoned";
import { createTestDatabase, describeOnServer, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { makeStaff } from "../support/staff";

let database: TestDatabase;
let writer: Viewer;
let editor: Viewer;
const ZONE = "Europe/Zurich";

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  await database.db.update(settings).set({ timeZone: ZONE }).where(eq(settings.id, 1));
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
});
afterAll(() => database.drop());

const body = doc("Scheduled text.");

async function approvedRelease(label: string) {
  const { id, version } = await createRelease(writer, { headline: `${label} ${randomBytes(4).toString("hex")}`, body });
  const submitted = await transitionRelease(writer, { releaseId: id, action: "submit", expectedVersion: version });
  const approved = await transitionRelease(editor, { releaseId: id, action: "approve", expectedVersion: submitted.version });
  return { id, version: approved.version };
}

async function rejects(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("scheduling", () => {
  it("a scheduled release is not public before its time and is published once when due", async () => {
    const { id, version } = await approvedRelease("Scheduled");
    const at = new Date(Date.now() + 10 * 60_000);
    await transitionRelease(editor, { releaseId: id, action: "schedule", expectedVersion: version, at: { local: toLocalInput(at, ZONE) } });
    const [row] = await database.db.select().from(releases).where(eq(releases.id, id));
    expect(row!.status).toBe("scheduled");
    expect(Math.abs(row!.publishAt!.getTime() - at.getTime())).toBeLessThan(60_000);

    await publishDueReleases(new Date());
    expect(await database.db.select().from(publications).where(eq(publications.releaseId, id))).toHaveLength(0);

    const slugs = await publishDueReleases(new Date(at.getTime() + 1000));
    expect(slugs).toContain(row!.slug);
    const [after] = await database.db.select().from(releases).where(eq(releases.id, id));
    expect(after!.status).toBe("published");
    expect(after!.publishAt).toBeNull();
    const [publication] = await database.db.select().from(publications).where(eq(publications.releaseId, id));
    expect(publication!.revisionId).toBe(after!.approvedRevisionId);
    expect(await publishDueReleases(new Date(at.getTime() + 5000))).not.toContain(row!.slug);
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.releaseId, id), eq(auditLog.action, "publish_due")));
    expect(audits).toHaveLength(1);
  });

  it("refuses a past time, a missing time, a local time the clocks skip, and asks which one on a repeated hour", async () => {
    const { id, version } = await approvedRelease("DST");
    await rejects(transitionRelease(editor, { releaseId: id, action: "schedule", expectedVersion: version }), "invalid");
    await rejects(transitionRelease(editor, { releaseId: id, action: "schedule", expectedVersion: version, at: { local: "2020-01-01T09:00" } }), "invalid");
    const skipped = await rejects(
      transitionRelease(editor, { releaseId: id, action: "schedule", expectedVersion: version, at: { local: "2030-03-31T02:30" } }),
      "invalid",
    );
    expect(skipped.message).toContain("does not exist in Europe/Zurich");
    const twice = await rejects(
      transitionRelease(editor, { releaseId: id, action: "embargo", expectedVersion: version, at: { local: "2030-10-27T02:30" } }),
      "invalid",
    );
    expect((twice.details?.choices as { offset: string }[]).map((choice) => choice.offset)).toEqual(["+02:00", "+01:00"]);
    const [unchanged] = await database.db.select().from(releases).where(eq(releases.id, id));
    expect(unchanged!.status).toBe("approved");

    await transitionRelease(editor, { releaseId: id, action: "embargo", expectedVersion: version, at: { local: "2030-10-27T02:30", offset: "+01:00" } });
    const [row] = await database.db.select().from(releases).where(eq(releases.id, id));
    expect(row!.status).toBe("embargoed");
    expect(row!.embargoUntil!.toISOString()).toBe("2030-10-27T01:30:00.000Z");
  });

  it("a writer cannot schedule, and unscheduling returns the release to approved", async () => {
    const { id, version } = await approvedRelease("Unschedule");
    const local = toLocalInput(new Date(Date.now() + 3_600_000), ZONE);
    await rejects(transitionRelease(writer, { releaseId: id, action: "schedule", expectedVersion: version, at: { local } }), "forbidden");
    await rejects(transitionRelease(editor, { releaseId: id, action: "publish_due", expectedVersion: version }), "forbidden");
    const scheduled = await transitionRelease(editor, { releaseId: id, action: "schedule", expectedVersion: version, at: { local } });
    await transitionRelease(editor, { releaseId: id, action: "unschedule", expectedVersion: scheduled.version });
    const [row] = await database.db.select().from(releases).where(eq(releases.id, id));
    expect(row!.status).toBe("approved");
    expect(row!.publishAt).toBeNull();
  });
});

describeOnServer("scheduler with several processes", () => {
  it("200 releases due in the same second, 3 scheduler processes: exactly 200 publications and 200 audit rows, an unbroken chain", async () => {
    const due = new Date(Date.now() + 5 * 60_000);
    const local = toLocalInput(due, ZONE);
    const ids: string[] = [];
    for (let n = 0; n < 200; n += 1) {
      const { id, version } = await approvedRelease(`Due together ${n}`);
      await transitionRelease(editor, { releaseId: id, action: n % 2 ? "schedule" : "embargo", expectedVersion: version, at: { local } });
      ids.push(id);
    }
    const runs = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<{ code: number | null; output: string }>((resolve) => {
            const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/publish-due.ts"], {
              env: { ...process.env, DATABASE_URL: database.url!, PUBLISH_DUE_NOW: new Date(due.getTime() + 60_000).toISOString() },
            });
            let output = "";
            child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
            child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
            child.on("exit", (code) => resolve({ code, output }));
          }),
      ),
    );
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
    const totals = runs.map((run) => JSON.parse(run.output.trim().split("\n").pop()!).published as number);
    expect(totals.reduce((sum, value) => sum + value, 0)).toBe(200);

    const [published] = await database.db.select({ n: count() }).from(publications).where(inArray(publications.releaseId, ids));
    expect(published!.n).toBe(200);
    const [audits] = await database.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(inArray(auditLog.releaseId, ids), eq(auditLog.action, "publish_due")));
    expect(audits!.n).toBe(200);
    const statuses = await database.db.select({ status: releases.status }).from(releases).where(inArray(releases.id, ids));
    expect(new Set(statuses.map((row) => row.status))).toEqual(new Set(["published"]));
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  }, 240_000);
});

describe("embargo share links", () => {
  it("show the approved text before the lift, are logged on every use, expire, can be revoked, and point to the public page after the lift", async () => {
    const { mintShareLink, openShareLink, revokeShareLink, listShareLinks } = await import("@/db/share/share-links");
    const { id, version } = await approvedRelease("Embargoed");
    await rejects(mintShareLink(editor, { releaseId: id, validHours: 24 }), "conflict");
    const at = new Date(Date.now() + 30 * 60_000);
    await transitionRelease(editor, { releaseId: id, action: "embargo", expectedVersion: version, at: { local: toLocalInput(at, ZONE) } });
    await rejects(mintShareLink(writer, { releaseId: id, validHours: 24 }), "forbidden");
    await rejects(mintShareLink(editor, { releaseId: id, validHours: 24 * 30 }), "invalid");

    const { token } = await mintShareLink(editor, { releaseId: id, label: "Wire agencies", validHours: 24 });
    const shared = await openShareLink(token, "203.0.113.7");
    expect(shared?.kind).toBe("embargoed");
    expect(shared?.kind === "embargoed" && shared.revision.headline).toMatch(/^Embargoed /);
    expect(await database.db.select().from(publications).where(eq(publications.releaseId, id))).toHaveLength(0);
    expect(await openShareLink("not-a-real-token-but-long-enough", "203.0.113.7")).toBeNull();
    const used = await database.db.select().from(auditLog).where(and(eq(auditLog.releaseId, id), eq(auditLog.action, "share_link_used")));
    expect(used).toHaveLength(1);
    expect(used[0]!.address).toBe("203.0.113.7");
    expect((await database.db.select().from(auditLog).where(and(eq(auditLog.releaseId, id), eq(auditLog.action, "share_link_minted")))).length).toBe(1);

    const second = await mintShareLink(editor, { releaseId: id, validHours: 1 });
    const [link] = (await listShareLinks(editor, id)).filter((row) => row.uses === 0);
    await revokeShareLink(editor, { linkId: link!.id });
    expect(await openShareLink(second.token, "203.0.113.8")).toBeNull();

    const [row] = await database.db.select().from(releases).where(eq(releases.id, id));
    await publishDueReleases(new Date(at.getTime() + 1000));
    expect(await openShareLink(token, "203.0.113.7")).toEqual({ kind: "published", slug: row!.slug });
  });
});
