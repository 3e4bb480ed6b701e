import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/db/access";
import { listOthersPresent, markPresent, PRESENCE_WINDOW_MS } from "@/db/presence/presence";
import { createRelease } from "@/db/releases/create";
import { users, type Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeStaff } from "../support/staff";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function makeUser(role: Role, name: string): Promise<Viewer> {
  return makeStaff(database.db, role, name);
}

const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Text." }] }] };

describe("release presence", () => {
  it("lists the others seen in the last 30 seconds, never the viewer, and refreshes on each report", async () => {
    const writer = await makeUser("writer", "Wim Writer");
    const editor = await makeUser("editor", "Eli Editor");
    const admin = await makeUser("admin", "Ada Admin");
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
    const writer = await makeUser("writer", "Wanda Writer");
    const leaving = await makeUser("writer", "Leo Leaving");
    const { id } = await createRelease(writer, { headline: "Presence two", body });
    await markPresent(leaving, id);
    await database.db.update(users).set({ active: false }).where(eq(users.id, leaving.id));
    expect(await markPresent(writer, id)).toEqual([]);

    await expect(markPresent(writer, randomUUID())).rejects.toBeInstanceOf(AppError);
    await expect(markPresent(writer, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
  });
});
