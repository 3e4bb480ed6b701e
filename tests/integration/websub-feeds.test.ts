import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { feedUrlsFor } from "@/db/publishing/websub";
import { createRelease } from "@/db/releases/create";
import { saveRelease } from "@/db/releases/save";
import { releases, topics } from "@/db/schema";
import { bootstrap } from "@/db/seed/bootstrap";
import { env } from "@/env";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { makeStaff } from "../support/staff";
import { actOnRelease } from "../support/workflow";

let database: TestDatabase;
let writer: Viewer;
let editor: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(database.db, { demo: false });
  await database.db.insert(topics).values([
    { slug: "water", name: "Water" },
    { slug: "energy", name: "Energy" },
  ]);
  writer = await makeStaff(database.db, "writer");
  editor = await makeStaff(database.db, "editor");
});
afterAll(() => database.drop());

const body = doc("Feeds follow the release.");

describe("the feeds a transition reports as changed (what the WebSub hub is told)", () => {
  it("publishing names the release's feeds; an update that moves it to another topic names the old topic's too; a retraction names its feeds", async () => {
    const headline = `Feeds follow ${randomBytes(3).toString("hex")}`;
    const { id } = await createRelease(writer, { headline, body, topics: ["water"] });
    await actOnRelease(writer, id, "submit");
    await actOnRelease(editor, id, "approve");
    const first = await actOnRelease(editor, id, "publish");
    const firstUrls = feedUrlsFor(...first.changedFeeds);
    expect(firstUrls).toContain(`${env.siteUrl}/feed.xml`);
    expect(firstUrls).toContain(`${env.siteUrl}/topics/water/atom.xml`);
    expect(firstUrls).toContain(`${env.siteUrl}/languages/en/feed.json`);
    expect(firstUrls.some((url) => url.includes("/topics/energy/"))).toBe(false);

    const [row] = await database.db.select({ version: releases.version }).from(releases).where(eq(releases.id, id));
    await saveRelease(editor, { releaseId: id, expectedVersion: row!.version, content: { headline, body, topics: ["energy"] } });
    await actOnRelease(editor, id, "submit");
    const editor2 = await makeStaff(database.db, "editor"); // the first editor wrote the update, so another approves it
    await actOnRelease(editor2, id, "approve");
    const update = await actOnRelease(editor2, id, "publish");
    const updateUrls = feedUrlsFor(...update.changedFeeds);
    expect(updateUrls).toContain(`${env.siteUrl}/topics/energy/feed.xml`);
    expect(updateUrls).toContain(`${env.siteUrl}/topics/water/feed.xml`);

    const retraction = await actOnRelease(editor2, id, "retract", { comment: "Issued in error." });
    const retractionUrls = feedUrlsFor(...retraction.changedFeeds);
    expect(retractionUrls).toContain(`${env.siteUrl}/topics/energy/feed.xml`);
    expect(retractionUrls).not.toContain(`${env.siteUrl}/topics/water/feed.xml`);

    const approval = await actOnRelease(writer, (await createRelease(writer, { headline: `${headline} two`, body })).id, "submit");
    expect(approval.changedFeeds).toEqual([]); // nothing public changed
  });
});
