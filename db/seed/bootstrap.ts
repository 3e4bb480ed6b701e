import "server-only";
import { count } from "drizzle-orm";
import type { Database } from "../connect";
import { releases, releaseTypes, settings, users, type Role } from "../schema";
import { insertStaffMember } from "../staff/insert";
import { DEFAULT_RELEASE_TYPES, DEFAULT_SETTINGS } from "./defaults";
import { seedDemoReleases } from "./demo-releases";

export type CreatedLogin = { role: Role; email: string; oneTimePassword: string };

/**
 * First start: settings and release types, the first admin when there is nobody, and, when asked and the
 * database has no releases yet, a demo writer and editor with a few neutral releases. Idempotent.
 */
export async function bootstrap(database: Database, options: { demo: boolean }): Promise<CreatedLogin[]> {
  await database.insert(settings).values(DEFAULT_SETTINGS).onConflictDoNothing();
  const [types] = await database.select({ n: count() }).from(releaseTypes);
  if (!types?.n) await database.insert(releaseTypes).values(DEFAULT_RELEASE_TYPES).onConflictDoNothing();

  const created: CreatedLogin[] = [];
  const [people] = await database.select({ n: count() }).from(users);
  if (!people?.n) {
    const admin = await insertStaffMember(database, { email: "admin@example.org", name: "Site Administrator", role: "admin" });
    created.push({ role: "admin", email: admin.user.email, oneTimePassword: admin.oneTimePassword });
  }

  const [existing] = await database.select({ n: count() }).from(releases);
  if (options.demo && !existing?.n && created.length > 0) {
    const writer = await insertStaffMember(database, { email: "writer@example.org", name: "Wren Writer", role: "writer" });
    const editor = await insertStaffMember(database, { email: "editor@example.org", name: "Eden Editor", role: "editor" });
    created.push({ role: "writer", email: writer.user.email, oneTimePassword: writer.oneTimePassword });
    created.push({ role: "editor", email: editor.user.email, oneTimePassword: editor.oneTimePassword });
    await seedDemoReleases(database, { writerId: writer.user.id, editorId: editor.user.id });
  }
  return created;
}
