import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRelease } from "@/db/releases/create";
import { linkTranslation, unlinkTranslation } from "@/db/releases/translations";
import { auditLog, releases } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createTestDatabase, describeOnServer, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { makeStaff } from "../support/staff";
import { takeLive } from "../support/workflow";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const tag = () => randomBytes(3).toString("hex");

async function releaseIn(language: string) {
  const writer = await makeStaff(database.db, "writer");
  return (await createRelease(writer, { headline: `Translation ${language} ${tag()}`, language, body: doc("Text.") })).id;
}

async function groupsOf(ids: string[]) {
  const rows = await database.db.select({ id: releases.id, group: releases.translationGroup }).from(releases).where(inArray(releases.id, ids));
  return new Map(rows.map((row) => [row.id, row.group]));
}

async function linkedAudit(ids: string[]) {
  return database.db.select().from(auditLog).where(inArray(auditLog.releaseId, ids)).then((rows) => rows.filter((row) => row.action === "translation_linked"));
}

describe("linking translations", () => {
  it("merges two groups only when they share no language, and checks every member's language", async () => {
    const editor = await makeStaff(database.db, "editor");
    const [en, fr, de, de2, it2] = [await releaseIn("en"), await releaseIn("fr"), await releaseIn("de"), await releaseIn("de"), await releaseIn("it")];
    await linkTranslation(editor, { releaseId: en, otherReleaseId: de });
    await linkTranslation(editor, { releaseId: fr, otherReleaseId: de2 });
    // {en, de} and {fr, de}: the releases named differ in language, but both groups have German.
    await expect(linkTranslation(editor, { releaseId: en, otherReleaseId: fr })).rejects.toMatchObject({ code: "conflict" });
    const groups = await groupsOf([en, fr, de, de2]);
    expect(groups.get(en)).toBe(groups.get(de));
    expect(groups.get(fr)).toBe(groups.get(de2));
    expect(groups.get(en)).not.toBe(groups.get(fr));

    await linkTranslation(editor, { releaseId: it2, otherReleaseId: fr });
    const merged = await groupsOf([it2, fr, de2]);
    expect(new Set(merged.values()).size).toBe(1);
  });

  it("linking two releases already in one group changes nothing", async () => {
    const editor = await makeStaff(database.db, "editor");
    const [en, fr] = [await releaseIn("en"), await releaseIn("fr")];
    await linkTranslation(editor, { releaseId: en, otherReleaseId: fr });
    const before = await groupsOf([en, fr]);
    await linkTranslation(editor, { releaseId: fr, otherReleaseId: en });
    expect(await groupsOf([en, fr])).toEqual(before);
    expect(await linkedAudit([en, fr])).toHaveLength(1);
  });

  it("a link or unlink names the live pages of the group, which list its languages; drafts change no public page", async () => {
    const writer = await makeStaff(database.db, "writer");
    const editor = await makeStaff(database.db, "editor");
    const make = async (language: string, live: boolean) => {
      const { id } = await createRelease(writer, { headline: `Live ${language} ${tag()}`, language, body: doc("Text.") });
      if (live) await takeLive(writer, editor, id);
      const [row] = await database.db.select({ slug: releases.slug }).from(releases).where(eq(releases.id, id));
      return { id, slug: row!.slug };
    };
    const [en, fr, de, it1] = [await make("en", true), await make("fr", true), await make("de", false), await make("it", false)];
    const named = (change: { slugs?: string[] } | null) => (change?.slugs ?? []).toSorted();
    expect(await linkTranslation(editor, { releaseId: de.id, otherReleaseId: it1.id })).toBeNull();
    expect(named(await linkTranslation(editor, { releaseId: en.id, otherReleaseId: fr.id }))).toEqual([en.slug, fr.slug].toSorted());
    expect(named(await linkTranslation(editor, { releaseId: en.id, otherReleaseId: de.id }))).toEqual([en.slug, fr.slug].toSorted());
    expect(named(await unlinkTranslation(editor, { releaseId: fr.id }))).toEqual([en.slug, fr.slug].toSorted());
  });

  it("refuses a release that does not exist", async () => {
    const editor = await makeStaff(database.db, "editor");
    const en = await releaseIn("en");
    await expect(linkTranslation(editor, { releaseId: en, otherReleaseId: crypto.randomUUID() })).rejects.toMatchObject({ code: "not_found" });
  });
});

describeOnServer("linking translations at the same time", () => {
  it("two links of the same pair in opposite order queue, never deadlock (10 rounds)", async () => {
    const editor = await makeStaff(database.db, "editor");
    for (let round = 0; round < 10; round += 1) {
      const [en, fr] = [await releaseIn("en"), await releaseIn("fr")];
      const results = await Promise.allSettled([
        linkTranslation(editor, { releaseId: en, otherReleaseId: fr }),
        linkTranslation(editor, { releaseId: fr, otherReleaseId: en }),
      ]);
      expect(results.map((result) => (result.status === "rejected" ? String(result.reason) : "ok")), `round ${round}`).toEqual(["ok", "ok"]);
      const groups = await groupsOf([en, fr]);
      expect(groups.get(en), `round ${round}`).toBe(groups.get(fr));
      expect(await linkedAudit([en, fr]), `round ${round}`).toHaveLength(1);
    }
  });

  it("two links adding the same language to one group through different members: one wins (10 rounds)", async () => {
    const editor = await makeStaff(database.db, "editor");
    for (let round = 0; round < 10; round += 1) {
      const [en, de, fr1, fr2] = [await releaseIn("en"), await releaseIn("de"), await releaseIn("fr"), await releaseIn("fr")];
      await linkTranslation(editor, { releaseId: en, otherReleaseId: de });
      const results = await Promise.allSettled([
        linkTranslation(editor, { releaseId: en, otherReleaseId: fr1 }),
        linkTranslation(editor, { releaseId: de, otherReleaseId: fr2 }),
      ]);
      const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
      expect(rejected, `round ${round}`).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(AppError);
      expect((rejected[0]!.reason as AppError).code).toBe("conflict");
      const [group] = await database.db.select({ group: releases.translationGroup }).from(releases).where(eq(releases.id, en));
      const members = await database.db.select({ id: releases.id }).from(releases).where(eq(releases.translationGroup, group!.group));
      expect(members, `round ${round}`).toHaveLength(3);
    }
  });
});
