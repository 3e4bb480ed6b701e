import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { PUBLIC_CHANGE_CHANNEL, announcePublicChange, changeNoticeSchema } from "@/db/publishing/public-change";
import { publishDueReleases } from "@/db/publishing/scheduler";
import { createRelease } from "@/db/releases/create";
import { linkTranslation, unlinkTranslation } from "@/db/releases/translations";
import { transitionRelease } from "@/db/releases/transition";
import { settings, type Role } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { toLocalInput } from "@/lib/time/zoned";
import { createTestDatabase, describeOnServer, type TestDatabase } from "../support/database";
import { makeStaff } from "../support/staff";
import { takeLive } from "../support/workflow";

describeOnServer("public changes reach every instance through Postgres", () => {
  let database: TestDatabase;
  let listener: postgres.Sql;
  const heard: string[] = [];
  let writer: Viewer;
  let editor: Viewer;

  async function makeUser(role: Role): Promise<Viewer> {
    return makeStaff(database.db, role, `${role} person`);
  }

  /** Waits until the listener has heard `count` notifications, or a second has passed. */
  async function heardAtLeast(count: number) {
    for (let waited = 0; waited < 1000 && heard.length < count; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    return heard.map((payload) => changeNoticeSchema.parse(JSON.parse(payload)));
  }

  beforeAll(async () => {
    database = await createTestDatabase({ server: true });
    await bootstrap(database.db, { demo: false });
    writer = await makeUser("writer");
    editor = await makeUser("editor");
    listener = postgres(database.url!, { max: 1, onnotice: () => {} });
    await listener.listen(PUBLIC_CHANGE_CHANNEL, (payload) => heard.push(payload));
  });
  afterAll(async () => {
    await listener.end({ timeout: 1 });
    await database.drop();
  });

  it("publishing and retracting announce the release's slug once each, when the transaction commits; the retraction says what was withdrawn", async () => {
    heard.length = 0;
    const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Heard everywhere." }] }] };
    const { id, version } = await createRelease(writer, { headline: `Heard everywhere ${randomBytes(3).toString("hex")}`, body });
    const submitted = await transitionRelease(writer, { releaseId: id, action: "submit", expectedVersion: version });
    const approved = await transitionRelease(editor, { releaseId: id, action: "approve", expectedVersion: submitted.version });
    expect(await heardAtLeast(1)).toEqual([]); // Nothing public changed yet.

    const published = await transitionRelease(editor, { releaseId: id, action: "publish", expectedVersion: approved.version });
    const afterPublish = await heardAtLeast(1);
    expect(afterPublish).toHaveLength(1);
    const slug = "slugs" in afterPublish[0]! ? afterPublish[0].slugs[0]! : "";
    expect(slug).toMatch(/^heard-everywhere-/);

    const before = Date.now();
    await transitionRelease(editor, { releaseId: id, action: "retract", expectedVersion: published.version, comment: "Issued in error." });
    const [publishNotice, retractNotice] = await heardAtLeast(2);
    expect(publishNotice).toEqual({ slugs: [slug], tags: [], withdrawn: [] });
    expect(retractNotice).toEqual({ slugs: [slug], tags: [], withdrawn: [{ slug, at: expect.any(String), reason: "Issued in error." }] });
    const at = Date.parse(retractNotice!.withdrawn[0]!.at);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it("a rolled-back change announces nothing", async () => {
    heard.length = 0;
    await database.db
      .transaction(async (tx) => {
        await announcePublicChange(tx, { slugs: ["never-committed"] });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await database.db.transaction(async (tx) => announcePublicChange(tx, { tags: ["settings"] }));
    expect(await heardAtLeast(1)).toEqual([{ slugs: [], tags: ["settings"], withdrawn: [] }]);
    expect(heard).toHaveLength(1);
  });

  it("the scheduler sends one notice per batch it publishes, not one per release", async () => {
    const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Due together." }] }] };
    const at = new Date(Date.now() + 60 * 60_000);
    const zone = (await database.db.select({ timeZone: settings.timeZone }).from(settings))[0]?.timeZone ?? "UTC";
    const slugs: string[] = [];
    for (let i = 0; i < 30; i++) {
      const { id, version } = await createRelease(writer, { headline: `Due together ${i} ${randomBytes(3).toString("hex")}`, body });
      const submitted = await transitionRelease(writer, { releaseId: id, action: "submit", expectedVersion: version });
      const approved = await transitionRelease(editor, { releaseId: id, action: "approve", expectedVersion: submitted.version });
      await transitionRelease(editor, { releaseId: id, action: "schedule", expectedVersion: approved.version, at: { local: toLocalInput(at, zone) } });
    }
    heard.length = 0;
    slugs.push(...(await publishDueReleases(new Date(at.getTime() + 60_000), 25)));
    expect(slugs).toHaveLength(30);
    const notices = await heardAtLeast(2);
    expect(notices).toHaveLength(2);
    expect(notices.flatMap((notice) => ("slugs" in notice ? notice.slugs : [])).sort()).toEqual([...slugs].sort());
    expect(notices.map((notice) => ("slugs" in notice ? notice.slugs.length : 0))).toEqual([25, 5]);
  });
  it("linking and unlinking translations announce the live pages of the group (each lists its other languages); drafts announce nothing", async () => {
    const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "In two languages." }] }] };
    const release = async (language: string) => (await createRelease(writer, { headline: `Linked ${language} ${randomBytes(3).toString("hex")}`, language, body })).id;
    const [en, fr, de, es] = [await release("en"), await release("fr"), await release("de"), await release("es")];
    heard.length = 0;
    await takeLive(writer, editor, en);
    await takeLive(writer, editor, fr);
    const live = (await heardAtLeast(2)).flatMap((notice) => ("slugs" in notice ? notice.slugs : [])).sort();
    expect(live).toHaveLength(2);
    heard.length = 0;
    await linkTranslation(editor, { releaseId: de, otherReleaseId: es });
    expect(await heardAtLeast(1)).toEqual([]);

    await linkTranslation(editor, { releaseId: en, otherReleaseId: fr });
    await unlinkTranslation(editor, { releaseId: fr });
    const notices = await heardAtLeast(2);
    expect(notices.map((notice) => ("slugs" in notice ? [...notice.slugs].sort() : notice))).toEqual([live, live]);
    expect(heard).toHaveLength(2);
  });
});
