import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOthersPresent, markPresent, PRESENCE_WINDOW_MS } from "@/db/presence/presence";
import { createRelease } from "@/db/releases/create";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { doc } from "../support/documents";
import { makeStaff } from "../support/staff";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const body = doc("Text.");

describe("release presence", () => {
  it("lists the others seen in the last 30 seconds, never the viewer, and refreshes on each report", async () => {
    const writer = await makeStaff(database.db, "writer", "Wim Writer");
    const editor = await makeStaff(database.db, "editor", "Eli Editor");
    const admin = await makeStaff(database.db, "admin", "Ada Admin");
    const { id } = await createRelease(writer, { headline: "Presence", body });
    const now = Date.now();

    expect(await markPresent(writer, id, new Date(now))).toEqual([]);
    expect(await markPresent(editor, id, new Date(now + 1000))).toEqual([{ name: "Wim Writer" }]);
    expect(await markPresent(writer, id, new Date(now + 2000))).toEqual([{ name: "Eli Editor" }]);
    // The admin reported long ago: not present any more.
    await markPresent(admin, id, new Date(now - PRESENCE_WINDOW_MS - 5000));
    expect(await listOthersPresent(writer, id, new Date(now + 3000))).toEqual([{ name: "Eli Editor" }]);
    // Past the window for the editor, the writer is alone again.
    expect(await listOthersPresent(writer, id, new Date(now + 1000 + PRESENCE_WINDOW_MS + 1))).toEqual([]);
  });

  it("leaves out deactivated accounts and refuses unknown releases", async () => {
    const writer = await makeStaff(database.db, "writer", "Wanda Writer");
    const leaving = await makeStaff(database.db, "writer", "Leo Leaving");
    const { id } = await createRelease(writer, { headline: "Presence two", body });
    await markPresent(leaving, id);
    await database.db.update(users).set({ active: false }).where(eq(users.id, leaving.id));
    expect(await markPresent(writer, id)).toEqual([]);

    await expect(markPresent(writer, randomUUID())).rejects.toBeInstanceOf(AppError);
    await expect(markPresent(writer, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
  });
});
