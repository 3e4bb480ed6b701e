import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { feedUrlsFor } from "@/db/publishing/websub";
import { createRelease } from "@/db/releases/create";
import { saveRelease } from "@/db/releases/save";
import { transitionRelease } from "@/db/releases/transition";
import { releases, topics, type Role } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { env } from "@/env";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeStaff } from "../support/staff";

let database: TestDatabase;
let writer: Viewer;
let editor: Viewer;

async function makeUser(role: Role): Promise<Viewer> {
  return makeStaff(database.db, role, `${role} person`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  await database.db.insert(topics).values([
    { slug: "water", name: "Water" },
    { slug: "energy", name: "Energy" },
  ]);
  writer = await makeUser("writer");
  editor = await makeUser("editor");
});
afterAll(() => database.drop());

const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Feeds follow the release." }] }] };

async function act(viewer: Viewer, releaseId: string, action: string, extra: Record<string, unknown> = {}) {
  const [row] = await database.db.select({ version: releases.version }).from(releases).where(eq(releases.id, releaseId));
  return transitionRelease(viewer, { releaseId, action, expectedVersion: row!.version, ...extra });
}

describe("the feeds a transition reports as changed (what the WebSub hub is told)", () => {
  it("publishing names the release's feeds; an update that moves it to another topic names the old topic's too; a retraction names its feeds", async () => {
    const headline = `Feeds follow ${randomBytes(3).toString("hex")}`;
    const { id } = await createRelease(writer, { headline, body, topics: ["water"] });
    await act(writer, id, "submit");
    await act(editor, id, "approve");
    const first = await act(editor, id, "publish");
    const firstUrls = feedUrlsFor(...first.changedFeeds);
    expect(firstUrls).toContain(`${env.siteUrl}/feed.xml`);
    expect(firstUrls).toContain(`${env.siteUrl}/topics/water/atom.xml`);
    expect(firstUrls).toContain(`${env.siteUrl}/languages/en/feed.json`);
    expect(firstUrls.some((url) => url.includes("/topics/energy/"))).toBe(false);

    const [row] = await database.db.select({ version: releases.version }).from(releases).where(eq(releases.id, id));
    await saveRelease(editor, { releaseId: id, expectedVersion: row!.version, content: { headline, body, topics: ["energy"] } });
    await act(editor, id, "submit");
    const editor2 = await makeUser("editor"); // the first editor wrote the update, so another approves it
    await act(editor2, id, "approve");
    const update = await act(editor2, id, "publish");
    const updateUrls = feedUrlsFor(...update.changedFeeds);
    expect(updateUrls).toContain(`${env.siteUrl}/topics/energy/feed.xml`);
    expect(updateUrls).toContain(`${env.siteUrl}/topics/water/feed.xml`);

    const retraction = await act(editor2, id, "retract", { comment: "Issued in error." });
    const retractionUrls = feedUrlsFor(...retraction.changedFeeds);
    expect(retractionUrls).toContain(`${env.siteUrl}/topics/energy/feed.xml`);
    expect(retractionUrls).not.toContain(`${env.siteUrl}/topics/water/feed.xml`);

    const approval = await act(writer, (await createRelease(writer, { headline: `${headline} two`, body })).id, "submit");
    expect(approval.changedFeeds).toEqual([]); // nothing public changed
  });
});
