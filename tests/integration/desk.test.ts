
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { createRelease } from "@/db/releases/create";
import { getDeskSections, listDeskSchedule, type DeskSectionKey } from "@/db/releases/queries";

import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { makeStaff } from "../support/staff";
import { actOnRelease } from "../support/workflow";

let database: TestDatabase;
let anna: Viewer;
let ben: Viewer;
let editor: Viewer;
const ids: Record<string, string> = {};

const body = doc("Text.");

async function make(viewer: Viewer, headline: string) {
  const { id } = await createRelease(viewer, { headline, body });
  ids[headline] = id;
  return id;
}

const headlinesOf = (sections: Awaited<ReturnType<typeof getDeskSections>>, key: DeskSectionKey) => sections[key].releases.map((release) => release.headline);

beforeAll(async () => {
  database = await createTestDatabase();
  anna = await makeStaff(database.db, "writer", "Anna");
  ben = await makeStaff(database.db, "writer", "Ben");
  editor = await makeStaff(database.db, "editor", "Edda");

  for (const headline of ["Anna draft 1", "Anna draft 2", "Anna draft 3"]) await make(anna, headline);
  await make(ben, "Ben draft");
  await actOnRelease(anna, await make(anna, "Anna in review"), "submit");
  await actOnRelease(ben, await make(ben, "Ben in review"), "submit");
  const sentBack = await make(anna, "Anna sent back");
  await actOnRelease(anna, sentBack, "submit");
  await actOnRelease(editor, sentBack, "request_changes", { comment: "Add a quote." });
  for (const [headline, at] of [["Later", "2099-03-12T15:00"], ["Sooner", "2099-03-10T09:00"], ["Next week", "2099-03-17T09:00"]] as const) {
    const id = await make(ben, headline);
    await actOnRelease(ben, id, "submit");
    await actOnRelease(editor, id, "approve");
    await actOnRelease(editor, id, headline === "Later" ? "embargo" : "schedule", { at: { local: at } });
  }
  const live = await make(anna, "Anna published");
  await actOnRelease(anna, live, "submit");
  await actOnRelease(editor, live, "approve");
  await actOnRelease(editor, live, "publish");
  const trashed = await make(anna, "Anna trashed");
  await actOnRelease(anna, trashed, "trash");
});

afterAll(async () => {
  await database?.drop();
});

describe("the desk", () => {
  it("shows a writer their own drafts, what was sent back and what they submitted, with counts of everything", async () => {
    const sections = await getDeskSections(anna, 2);
    expect(sections.myDrafts.count).toBe(3);
    expect(sections.myDrafts.releases).toHaveLength(2);
    expect(headlinesOf(sections, "myDrafts").every((headline) => headline.startsWith("Anna draft"))).toBe(true);
    expect(sections.changesRequested.count).toBe(1);
    expect(sections.changesRequested.releases[0]).toMatchObject({ headline: "Anna sent back", changeRequest: "Add a quote." });
    expect(headlinesOf(sections, "inReview")).toEqual(["Anna in review"]);
    expect(sections.inReview.count).toBe(1);
    // Others' drafts and others' work in review are not on a writer's desk.
    expect(sections.othersDrafts).toMatchObject({ count: 0, releases: [] });
    expect(sections.approved.count).toBe(0);
    expect(headlinesOf(sections, "published")).toEqual(["Anna published"]);
    expect(sections.published.releases[0]!.isLive).toBe(true);
    // The trash is on nobody's desk.
    const everything = Object.values(sections).flatMap((section) => section.releases.map((release) => release.headline));
    expect(everything).not.toContain("Anna trashed");
  });

  it("shows an editor what waits for review and everyone's drafts", async () => {
    const sections = await getDeskSections(editor, 10);
    expect(headlinesOf(sections, "inReview").sort()).toEqual(["Anna in review", "Ben in review"]);
    expect(sections.othersDrafts.count).toBe(5);
    expect(headlinesOf(sections, "othersDrafts")).toContain("Anna sent back");
    expect(sections.myDrafts.count).toBe(0);
  });

  it("lists scheduled and embargoed releases soonest first, with their times, counted in full", async () => {
    const sections = await getDeskSections(ben, 2);
    expect(sections.scheduled.count).toBe(3);
    expect(headlinesOf(sections, "scheduled")).toEqual(["Sooner", "Later"]);
    expect(sections.scheduled.releases.map((release) => release.dueAt?.toISOString())).toEqual(["2099-03-10T09:00:00.000Z", "2099-03-12T15:00:00.000Z"]);
    expect(sections.scheduled.releases.map((release) => release.status)).toEqual(["scheduled", "embargoed"]);
  });

  it("puts the week's scheduled releases in the calendar, and only those", async () => {
    const week = await listDeskSchedule(anna, new Date("2099-03-09T00:00:00Z"), new Date("2099-03-16T00:00:00Z"));
    expect(week.map((release) => release.headline)).toEqual(["Sooner", "Later"]);
    const next = await listDeskSchedule(anna, new Date("2099-03-16T00:00:00Z"), new Date("2099-03-23T00:00:00Z"));
    expect(next.map((release) => release.headline)).toEqual(["Next week"]);
    expect(await listDeskSchedule(anna, new Date("2099-03-12T15:00:00Z"), new Date("2099-03-12T15:00:00.001Z"))).toHaveLength(1);
    expect(await listDeskSchedule(anna, new Date("2099-03-12T14:00:00Z"), new Date("2099-03-12T15:00:00Z"))).toHaveLength(0);
  });

  it("refuses someone who still has to choose a password", async () => {
    const pending = { ...anna, mustChangePassword: true };
    await expect(getDeskSections(pending)).rejects.toBeInstanceOf(AppError);
    await expect(listDeskSchedule(pending, new Date(0), new Date())).rejects.toBeInstanceOf(AppError);
  });
});
